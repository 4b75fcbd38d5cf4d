// @ts-check
/*
 * A throw-away PostgreSQL server (Debian's postgresql) for the adopter app: the database a
 * production Backstage uses, and pure-JS `pg` on the app's side, so the install builds no native
 * addon. PostgreSQL refuses to run as root; as root it runs as the `postgres` system user.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  rmSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The newest installed server's bin directory (Debian: /usr/lib/postgresql/<major>/bin). */
export function postgresBin() {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return undefined;
  const [major] = readdirSync(base)
    .filter(v => existsSync(join(base, v, 'bin/pg_ctl')))
    .sort((a, b) => Number(b) - Number(a));
  return major ? join(base, major, 'bin') : undefined;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function startPostgres() {
  const bin = postgresBin();
  if (!bin)
    throw new Error('PostgreSQL is not installed (Debian package postgresql)');
  const asRoot = process.getuid?.() === 0;
  const run = (/** @type {string} */ tool, /** @type {string[]} */ args) => {
    const [command, fullArgs] = asRoot
      ? ['runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]]
      : [join(bin, tool), args];
    execFileSync(command, fullArgs, { stdio: 'pipe' });
  };
  const dir = mkdtempSync(join(tmpdir(), 'mesh-adopter-pg-'));
  if (asRoot) {
    chmodSync(dir, 0o777);
    execFileSync('chown', ['postgres', dir]);
  }
  const data = join(dir, 'data');
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  const port = /** @type {number} */ (await freePort());
  run('pg_ctl', [
    '-D',
    data,
    '-l',
    join(dir, 'server.log'),
    '-o',
    `-p ${port} -k ${dir} -h 127.0.0.1 -c fsync=off`,
    '-w',
    'start',
  ]);
  return {
    connection: { host: '127.0.0.1', port, user: 'postgres', password: '' },
    stop: async () => {
      const stopArgs = ['-D', data, '-m', 'fast', '-w', 'stop'];
      const [command, args] = asRoot
        ? [
            'runuser',
            ['-u', 'postgres', '--', join(bin, 'pg_ctl'), ...stopArgs],
          ]
        : [join(bin, 'pg_ctl'), stopArgs];
      spawnSync(command, args, { stdio: 'ignore' });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
