import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/server/config.js';

const configError = (env: Record<string, string>): ConfigError => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('loadConfig accepted the environment');
};

describe('loadConfig', () => {
  it('starts on port 3000 with SQLite in <DATA_DIR>/arrivo.db and a public URL on localhost', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.publicUrl).toBe('http://localhost:3000');
    expect(config.dataDir).toBe(path.resolve('data'));
    expect(config.database).toEqual({ kind: 'sqlite', file: path.resolve('data', 'arrivo.db') });
    expect(config.cookieSecure).toBe(true);
    expect(config.smtpUrl).toBeUndefined();

    const moved = loadConfig({ DATA_DIR: '/var/lib/arrivo', PORT: '8080' });
    expect(moved.database).toEqual({ kind: 'sqlite', file: '/var/lib/arrivo/arrivo.db' });
    expect(moved.publicUrl).toBe('http://localhost:8080');
  });

  it('runs on PostgreSQL when DATABASE_URL says so', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://arrivo@db.internal:5432/arrivo' }).database).toEqual({ kind: 'postgres', url: 'postgres://arrivo@db.internal:5432/arrivo' });
    expect(loadConfig({ DATABASE_URL: 'postgresql://arrivo@db.internal/arrivo' }).database.kind).toBe('postgres');
  });

  it('reads the rest of the settings, and drops a trailing slash from PUBLIC_URL', () => {
    const config = loadConfig({
      PUBLIC_URL: 'https://service.acme.example/',
      SESSION_TTL_HOURS: '12',
      COOKIE_SECURE: 'false',
      LOG_LEVEL: 'warn',
      SMTP_URL: 'smtp://mail.internal:25',
      JOB_LINK_GRACE_DAYS: '7',
    });
    expect(config).toMatchObject({ publicUrl: 'https://service.acme.example', sessionTtlHours: 12, cookieSecure: false, logLevel: 'warn', smtpUrl: 'smtp://mail.internal:25', jobLinkGraceDays: 7 });
  });

  it('lists every bad setting at once, each by name, in one ConfigError', () => {
    const error = configError({ PORT: 'abc', DATABASE_URL: 'mysql://x', COOKIE_SECURE: 'maybe', LOG_LEVEL: 'loud' });
    expect(error.problems).toHaveLength(4);
    for (const key of ['PORT', 'DATABASE_URL', 'COOKIE_SECURE', 'LOG_LEVEL']) {
      expect(error.problems.filter((p) => p.startsWith(`${key} `)), key).toHaveLength(1);
      expect(error.message).toContain(key);
    }
    // The message says what was wrong with the value.
    expect(error.problems.find((p) => p.startsWith('PORT '))).toContain('"abc"');
  });

  it('refuses out-of-range numbers and malformed URLs', () => {
    const error = configError({ PORT: '70000', SESSION_TTL_HOURS: '0', PUBLIC_URL: 'not a url', SMTP_URL: 'http://mail.example', MAIL_FROM: 'nobody' });
    for (const key of ['PORT', 'SESSION_TTL_HOURS', 'PUBLIC_URL', 'SMTP_URL', 'MAIL_FROM']) expect(error.problems.some((p) => p.startsWith(`${key} `)), key).toBe(true);
  });

  it('takes REDIS_URL for the live-update fan-out on PostgreSQL only, where it can serve several instances', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://arrivo@db.internal/arrivo', REDIS_URL: 'redis://cache.internal:6379' }).redisUrl).toBe('redis://cache.internal:6379');
    expect(loadConfig({}).redisUrl).toBeUndefined();
    expect(configError({ REDIS_URL: 'redis://cache.internal:6379' }).problems).toEqual([expect.stringMatching(/^REDIS_URL .*DATABASE_URL/)]);
    expect(configError({ DATABASE_URL: 'postgres://arrivo@db.internal/arrivo', REDIS_URL: 'http://cache.internal' }).problems).toEqual([expect.stringMatching(/^REDIS_URL must start with redis:/)]);
  });

  it('returns a frozen config, all the way down', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://arrivo@db.internal/arrivo' });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.database)).toBe(true);
    expect(() => {
      (config as { port: number }).port = 1;
    }).toThrow(TypeError);
    expect(() => {
      (config.database as { url: string }).url = 'postgres://elsewhere/other';
    }).toThrow(TypeError);
  });
});

describe('starting the server with a bad setting', () => {
  it('stops with exit code 1 and names the setting on stderr', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'arrivo-config-'));
    try {
      const child = spawn('npx', ['tsx', 'src/server/server.ts'], {
        cwd: path.resolve(import.meta.dirname, '../..'),
        env: { ...process.env, PORT: 'abc', DATA_DIR: dataDir, DATABASE_URL: '', NODE_ENV: 'test' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      let stdout = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      const code = await new Promise<number | null>((resolve, reject) => {
        const timer = setTimeout(() => {
          child.kill('SIGKILL');
          reject(new Error(`the server did not stop within 15 s; stdout:\n${stdout}\nstderr:\n${stderr}`));
        }, 15_000);
        child.on('exit', (exitCode) => {
          clearTimeout(timer);
          resolve(exitCode);
        });
      });
      expect(code).toBe(1);
      expect(stderr).toMatch(/PORT must be a whole number/);
      // It stopped before touching the database.
      expect(fs.readdirSync(dataDir)).toEqual([]);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('makes cookies Secure by default on https and localhost, not on another plain-http address', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://portal.acme.example' }).cookieSecure).toBe(true);
    expect(loadConfig({}).cookieSecure).toBe(true);
    expect(loadConfig({ PUBLIC_URL: 'http://192.168.1.20:3000' }).cookieSecure).toBe(false);
    expect(loadConfig({ PUBLIC_URL: 'http://192.168.1.20:3000', COOKIE_SECURE: 'true' }).cookieSecure).toBe(true);
  });
});
