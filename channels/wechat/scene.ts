/**
 * 扫码报修: the QR code on a device's label carries a scene string with the device's serial (and, if
 * given, its product and acceptance date), so a customer who scans it is not asked for them. WeChat
 * allows 64 characters: `repair:SERIAL[:PRODUCT[:YYYYMMDD]]`.
 */

export interface DeviceScene {
  serial: string;
  product?: string;
  /** Acceptance (or purchase) date, YYYY-MM-DD. */
  accepted?: string;
}

const SERIAL = /^[A-Za-z0-9-]{4,30}$/;
const PRODUCT = /^[a-z_]{2,20}$/;
const DAY = /^(\d{4})(\d{2})(\d{2})$/;

export function sceneOf(device: DeviceScene): string {
  if (!SERIAL.test(device.serial))
    throw new Error(`${device.serial}: a serial is 4 to 30 letters, digits or dashes`);
  if (device.product && !PRODUCT.test(device.product))
    throw new Error(`${device.product}: a product is a flow choice value such as printer or laptop`);
  const day = device.accepted?.replace(/-/g, '');
  if (day && !DAY.test(day)) throw new Error(`${device.accepted}: the date must be YYYY-MM-DD`);
  const parts = ['repair', device.serial.toUpperCase(), device.product ?? '', day ?? ''];
  while (parts.at(-1) === '') parts.pop();
  return parts.join(':');
}

/** The device in a scene value (`qrscene_` prefix of a subscribe event removed); null if not ours. */
export function deviceOfScene(value: string | undefined): DeviceScene | null {
  const scene = value?.replace(/^qrscene_/, '') ?? '';
  const [kind, serial, product, day] = scene.split(':');
  if (kind !== 'repair' || !serial || !SERIAL.test(serial)) return null;
  const date = day ? DAY.exec(day) : null;
  return {
    serial,
    ...(product && PRODUCT.test(product) ? { product } : {}),
    ...(date ? { accepted: `${date[1]}-${date[2]}-${date[3]}` } : {}),
  };
}
