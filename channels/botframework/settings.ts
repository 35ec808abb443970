/**
 * The Bot Framework channel's settings, read with its own schema. Without MicrosoftAppId the endpoint
 * runs in local (Emulator) mode: botbuilder then checks no token and replies to whatever serviceUrl an
 * activity names, so only loopback serviceUrls, or those on BOTFRAMEWORK_SERVICE_URLS, are accepted.
 */
import { z } from 'zod';
import { ConfigError } from '../../src/config.js';
import type { Environment } from '../../src/port/channel.js';

const emptyAsUndefined = (value: unknown) => (value === '' ? undefined : value);
const optional = z.preprocess(emptyAsUndefined, z.string().optional());

const schema = z.object({
  BOTFRAMEWORK_ENABLED: z.preprocess(
    emptyAsUndefined,
    z.enum(['true', 'false'], { message: 'must be true or false' }).default('true'),
  ),
  MicrosoftAppId: optional,
  MicrosoftAppPassword: optional,
  MicrosoftAppType: z.preprocess(
    emptyAsUndefined,
    z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).optional(),
  ),
  MicrosoftAppTenantId: optional,
  /** Comma-separated serviceUrl origins accepted in local mode besides loopback ones. */
  BOTFRAMEWORK_SERVICE_URLS: optional,
});

export interface BotFrameworkSettings {
  /** Absent: local (Emulator) mode, no token checked, loopback serviceUrls only. */
  appId?: string;
  appPassword?: string;
  appType?: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  tenantId?: string;
  /** Origins (`https://host:port`) accepted as serviceUrl in local mode, besides loopback. */
  allowedServiceOrigins: readonly string[];
}

export type BotFrameworkSetup = { on: true; settings: BotFrameworkSettings } | { on: false; reason: string };

function originsOf(list: string | undefined, problems: string[]): string[] {
  if (!list) return [];
  return list
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)
    .flatMap((item) => {
      try {
        return [new URL(item).origin];
      } catch {
        problems.push(`BOTFRAMEWORK_SERVICE_URLS: "${item}" is not a URL such as https://bots.example.com`);
        return [];
      }
    });
}

export function botFrameworkSetup(env: Environment): BotFrameworkSetup {
  const parsed = schema.safeParse(env);
  if (!parsed.success)
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  const config = parsed.data;
  if (config.BOTFRAMEWORK_ENABLED === 'false') return { on: false, reason: 'BOTFRAMEWORK_ENABLED=false' };
  const problems: string[] = [];
  if (config.MicrosoftAppPassword && !config.MicrosoftAppId)
    problems.push('MicrosoftAppId: required when MicrosoftAppPassword is set');
  if (config.MicrosoftAppId && !config.MicrosoftAppPassword && config.MicrosoftAppType !== 'UserAssignedMSI')
    problems.push('MicrosoftAppPassword: required when MicrosoftAppId is set');
  if (config.MicrosoftAppType === 'SingleTenant' && !config.MicrosoftAppTenantId)
    problems.push('MicrosoftAppTenantId: required when MicrosoftAppType is SingleTenant');
  const allowedServiceOrigins = originsOf(config.BOTFRAMEWORK_SERVICE_URLS, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  const settings: BotFrameworkSettings = {
    ...(config.MicrosoftAppId ? { appId: config.MicrosoftAppId } : {}),
    ...(config.MicrosoftAppPassword ? { appPassword: config.MicrosoftAppPassword } : {}),
    ...(config.MicrosoftAppType ? { appType: config.MicrosoftAppType } : {}),
    ...(config.MicrosoftAppTenantId ? { tenantId: config.MicrosoftAppTenantId } : {}),
    allowedServiceOrigins,
  };
  return { on: true, settings: Object.freeze(settings) };
}
