import { Redis } from 'ioredis';

/** The Redis the fan-out tests use: `TEST_REDIS_URL`, or the one on loopback that `.ci/run` starts. */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';

/** A client for a test to watch or disturb the channel; fails at once with the address when Redis is not there. */
export async function connectTestRedis(): Promise<Redis> {
  const client = new Redis(TEST_REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    await client.connect();
  } catch (error) {
    client.disconnect();
    throw new Error(`These tests need Redis at ${TEST_REDIS_URL} (set TEST_REDIS_URL): ${(error as Error).message}`);
  }
  return client;
}
