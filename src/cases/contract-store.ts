/**
 * Where contracts live: global keys beside the case index (a contract is the company's, not one
 * conversation's), written in one MULTI so an import is all or nothing. Indexes: serial → contracts,
 * customer → contracts (site contracts cover a category, not serials), and every contract by number.
 */
import type { Redis } from 'ioredis';
import type { Contract } from '../policy/contract.js';
import { getMany, type RedisWrite, writeAll } from '../redis/slots.js';
import { recordChangeWrite } from './record-changes.js';

export interface ContractStore {
  get(number: string): Promise<Contract | null>;
  /** Every contract, by number. */
  list(): Promise<Contract[]>;
  /** Contracts that may cover a unit: listing its serial, or held by the customer (site contracts). */
  forUnit(customerId: string, serial: string | null): Promise<Contract[]>;
  /** Stores contracts (new or changed) atomically, with their indexes. */
  save(contracts: readonly Contract[]): Promise<void>;
}

export function createContractStore(redis: Redis, prefix: string): ContractStore {
  const key = (number: string) => `${prefix}:contract:${number.toUpperCase()}`;
  const all = `${prefix}:contracts`;
  const bySerial = (serial: string) => `${prefix}:contract-serial:${serial.toUpperCase()}`;
  const byHolder = (customerId: string) => `${prefix}:contract-holder:${customerId}`;
  const parse = (values: Array<string | null>) =>
    values.filter((value): value is string => value !== null).map((value) => JSON.parse(value) as Contract);
  const many = async (numbers: string[]) =>
    numbers.length === 0 ? [] : parse(await getMany(redis, numbers.map(key)));

  return {
    async get(number) {
      const raw = await redis.get(key(number));
      return raw ? (JSON.parse(raw) as Contract) : null;
    },
    async list() {
      return many(await redis.zrange(all, '0', '-1'));
    },
    async forUnit(customerId, serial) {
      const [listed, held] = await Promise.all([
        serial ? redis.smembers(bySerial(serial)) : Promise.resolve([]),
        redis.smembers(byHolder(customerId)),
      ]);
      return many([...new Set([...listed, ...held])]);
    },
    async save(contracts) {
      const previous = await many(contracts.map((contract) => contract.number));
      const writes: RedisWrite[] = contracts.map((contract) =>
        recordChangeWrite(prefix, { type: 'contract', contract }),
      );
      // A re-imported contract may list other serials or holders now: drop the old index entries.
      for (const old of previous) {
        for (const serial of old.serials) writes.push(['srem', bySerial(serial), old.number]);
        for (const holder of old.holders) writes.push(['srem', byHolder(holder), old.number]);
      }
      for (const contract of contracts) {
        writes.push(['set', key(contract.number), JSON.stringify(contract)]);
        writes.push(['zadd', all, 0, contract.number]);
        for (const serial of contract.serials) writes.push(['sadd', bySerial(serial), contract.number]);
        for (const holder of contract.holders) writes.push(['sadd', byHolder(holder), contract.number]);
      }
      await writeAll(redis, writes);
    },
  };
}
