/**
 * The maintenance record (维护记录单) as the customer receives it by email, in their language: one
 * line per field, lists one item a line. The email channel adds the HTML part and the `[SR-…]` tag to
 * the subject, as for every reply. Pure: times come formatted by the caller (the service's time zone).
 */
import type { Case, MaintenanceRecord } from '../cases/types.js';
import type { Lang } from '../port/messages.js';

const LABELS = {
  zh: {
    subject: '维护记录单',
    greeting: '您好，以下是您的维护记录单，请查收。',
    ref: '工单号',
    faultReported: '报修故障',
    faultFound: '检查结果',
    cause: '故障原因',
    actions: '处理措施',
    parts: '更换配件',
    consumables: '耗材',
    trips: '出车',
    findings: '巡检发现',
    risk: '隐患',
    engineer: '工程师',
    mode: '服务方式',
    onsite: '上门',
    remote: '远程',
    arrivedAt: '到达时间',
    finishedAt: '完成时间',
    confirmation: '客户确认',
    confirmed: '已确认',
    disputed: '有异议',
    awaiting: '待确认',
    none: '无',
    coverage: { warranty: '保修', paid: '付费', contract: '服务合同' },
    closing: '如对记录有疑问，请直接回复本邮件。',
  },
  en: {
    subject: 'Maintenance record',
    greeting: 'Hello, here is the maintenance record of your service request.',
    ref: 'Reference',
    faultReported: 'Fault reported',
    faultFound: 'Fault found',
    cause: 'Cause',
    actions: 'Actions taken',
    parts: 'Parts replaced',
    consumables: 'Consumables',
    trips: 'Trips',
    findings: 'Inspection findings',
    risk: 'hidden risk',
    engineer: 'Engineer',
    mode: 'Service',
    onsite: 'on site',
    remote: 'remote',
    arrivedAt: 'Arrived',
    finishedAt: 'Finished',
    confirmation: 'Your confirmation',
    confirmed: 'confirmed',
    disputed: 'disputed',
    awaiting: 'awaiting your confirmation',
    none: 'none',
    coverage: { warranty: 'warranty', paid: 'paid', contract: 'service contract' },
    closing: 'If anything in this record is not right, simply reply to this email.',
  },
} as const;

export interface RecordMail {
  /** Without the case tag: the email channel appends `[SR-…]`. */
  subject: string;
  text: string;
}

/** `format` turns an ISO time into the customer's reading of it (formatDeadline in their language). */
export function recordMail(
  kase: Case,
  record: MaintenanceRecord,
  lang: Lang,
  format: (iso: string) => string,
): RecordMail {
  const l = LABELS[lang];
  const sep = lang === 'zh' ? '：' : ': ';
  const line = (label: string, value: string) => `${label}${sep}${value || l.none}`;
  const list = (label: string, items: string[]) =>
    items.length === 0 ? [line(label, '')] : [`${label}${sep}`, ...items.map((item) => `- ${item}`)];
  const parts = record.partsReplaced.map(
    (p) => `${p.part} · ${l.coverage[p.coverage]}${p.amount === undefined ? '' : ` · ${p.amount}`}`,
  );
  const confirmation = record.confirmation
    ? `${l[record.confirmation.state]} · ${format(record.confirmation.at)}`
    : l.awaiting;
  const lines = [
    l.greeting,
    '',
    line(l.ref, kase.ref),
    line(l.faultReported, record.faultReported),
    line(l.faultFound, record.faultFound),
    line(l.cause, record.cause),
    line(l.actions, record.actions),
    ...list(l.parts, parts),
    ...(record.consumables?.length
      ? list(
          l.consumables,
          record.consumables.map(
            (c) => `${c.item}${c.quantity === undefined ? '' : ` × ${c.quantity}`} · ${c.cost}`,
          ),
        )
      : []),
    ...(record.trips?.length
      ? list(
          l.trips,
          record.trips.map(
            (t) => `${t.vehicle ?? ''}${t.distanceKm === undefined ? '' : ` · ${t.distanceKm} km`}`,
          ),
        )
      : []),
    ...(record.findings?.length
      ? list(
          l.findings,
          record.findings.map((f) => `${f.text}${f.risk ? ` · ${l.risk}` : ''}`),
        )
      : []),
    line(l.engineer, record.engineer),
    line(l.mode, record.mode === 'onsite' ? l.onsite : l.remote),
    line(l.arrivedAt, record.arrivedAt ? format(record.arrivedAt) : ''),
    line(l.finishedAt, format(record.finishedAt)),
    line(l.confirmation, confirmation),
    '',
    l.closing,
  ];
  return { subject: l.subject, text: lines.join('\n') };
}
