/**
 * A real Apache httpd with mod_dav on 127.0.0.1, started and stopped by the test harness: a
 * throw-away ServerRoot with its own configuration, document root, lock database, password file
 * (made with `htpasswd` from apache2-utils) and pid file; no system service is touched.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, chown, cp, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const MODULES = '/usr/lib/apache2/modules';
export const APACHE_BINARY = '/usr/sbin/apache2';
const HTPASSWD = '/usr/bin/htpasswd';

/** Why the Apache tests cannot run here, or null when they can. */
export function apacheMissing(): string | null {
  if (!existsSync(APACHE_BINARY)) return `${APACHE_BINARY} is not installed (apt package apache2)`;
  if (!existsSync(HTPASSWD)) return `${HTPASSWD} is not installed (apt package apache2-utils)`;
  for (const m of ['mod_dav.so', 'mod_dav_fs.so', 'mod_mpm_event.so', 'mod_auth_basic.so', 'mod_authn_file.so']) {
    if (!existsSync(join(MODULES, m))) return `${join(MODULES, m)} is missing (apt package apache2)`;
  }
  return null;
}

export function freePort(): Promise<number> {
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

export interface ApacheHub {
  /** Where the app is served (with `app`), e.g. http://127.0.0.1:4711 */
  readonly origin: string;
  readonly url: string;
  readonly username: string;
  readonly password: string;
  /** The folder on disk that the hub's WebDAV share serves. */
  readonly shareDir: string;
  start(): Promise<void>;
  /** `kill`: SIGKILL (a crash or a pulled cable); otherwise a graceful stop. */
  stop(how?: 'kill' | 'graceful'): Promise<void>;
  running(): boolean;
  /** Every file below the share, as relative paths. */
  files(): Promise<string[]>;
  dispose(): Promise<void>;
}

async function walk(dir: string, root: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(path, root)));
    else out.push(relative(root, path));
  }
  return out.sort();
}

async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await fetch(`http://127.0.0.1:${port}/`, { method: 'HEAD', signal: AbortSignal.timeout(500) });
      return;
    } catch {
      if (Date.now() > deadline) throw new Error(`Apache did not listen on 127.0.0.1:${port} within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

/**
 * `app`: a built web app (dist/renderer) to serve at `/` next to the hub at `/hub/`, so that the
 * browser build reaches the hub on its own origin (its CSP allows nothing else). It is copied, so
 * a build running meanwhile does not change what is served.
 */
export async function createApacheHub(options: { username?: string; password?: string; app?: string } = {}): Promise<ApacheHub> {
  const root = await mkdtemp(join(tmpdir(), 'cw-apache-'));
  const shareDir = join(root, 'htdocs', 'hub');
  await mkdir(shareDir, { recursive: true });
  await mkdir(join(root, 'run'), { recursive: true });
  if (options.app) await cp(options.app, join(root, 'htdocs'), { recursive: true });
  const username = options.username ?? 'ncsc-nl';
  const password = options.password ?? 'hub-secret-for-tests';
  const made = spawnSync(HTPASSWD, ['-cbB', '-C', '5', join(root, 'htpasswd'), username, password], { encoding: 'utf8' });
  if (made.status !== 0) throw new Error(`htpasswd failed: ${made.stderr}`);
  const port = await freePort();
  const asRoot = process.getuid?.() === 0;
  const config = [
    `ServerRoot "${root}"`,
    `ServerName 127.0.0.1`,
    `PidFile "${join(root, 'run', 'httpd.pid')}"`,
    `DefaultRuntimeDir "${join(root, 'run')}"`,
    `Mutex file:${join(root, 'run')} default`,
    `Listen 127.0.0.1:${port}`,
    ...['mpm_event', 'authn_core', 'authz_core', 'authz_user', 'auth_basic', 'authn_file', 'dav', 'dav_fs', ...(options.app ? ['mime', 'dir'] : [])].map((m) => `LoadModule ${m}_module ${MODULES}/mod_${m}.so`),
    ...(options.app
      ? [
          'DirectoryIndex index.html',
          // mod_mime wants a types file; an empty one of ours, the few types the app needs below.
          `TypesConfig "${join(root, 'mime.types')}"`,
          ...Object.entries({ js: 'text/javascript', mjs: 'text/javascript', css: 'text/css', html: 'text/html', json: 'application/json', webmanifest: 'application/manifest+json', svg: 'image/svg+xml', png: 'image/png', woff2: 'font/woff2', map: 'application/json' }).map(([ext, type]) => `AddType ${type} .${ext}`),
        ]
      : []),
    ...(asRoot ? ['User www-data', 'Group www-data'] : []),
    `ErrorLog "${join(root, 'error.log')}"`,
    'LogLevel warn',
    `DavLockDB "${join(root, 'run', 'DavLock')}"`,
    `DocumentRoot "${join(root, 'htdocs')}"`,
    'StartServers 1',
    'Timeout 10',
    `<Directory "${join(root, 'htdocs')}">`,
    options.app ? '  Require all granted' : '  Require all denied',
    '</Directory>',
    `<Directory "${shareDir}">`,
    '  Dav On',
    '  AuthType Basic',
    '  AuthName "Crisis Workbook hub"',
    `  AuthUserFile "${join(root, 'htpasswd')}"`,
    '  Require valid-user',
    '</Directory>',
    '',
  ].join('\n');
  await writeFile(join(root, 'mime.types'), '');
  const configFile = join(root, 'httpd.conf');
  await writeFile(configFile, config);
  if (asRoot) {
    // The worker processes run as www-data and must be able to write the share and the lock database.
    const ids = spawnSync('id', ['-u', 'www-data'], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', 'www-data'], { encoding: 'utf8' });
    const uid = Number(ids.stdout.trim());
    const group = Number(gid.stdout.trim());
    await chmod(root, 0o755);
    for (const dir of [join(root, 'htdocs'), shareDir, join(root, 'run')]) await chown(dir, uid, group);
    await chown(join(root, 'htpasswd'), uid, group);
  }

  let child: ChildProcess | null = null;
  const hub: ApacheHub = {
    origin: `http://127.0.0.1:${port}`,
    url: `http://127.0.0.1:${port}/hub/`,
    username,
    password,
    shareDir,
    async start() {
      if (child) return;
      const proc = spawn(APACHE_BINARY, ['-f', configFile, '-DFOREGROUND'], { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      proc.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
      const exited = new Promise<never>((_, reject) =>
        proc.once('exit', (code) => {
          const log = existsSync(join(root, 'error.log')) ? readFileSync(join(root, 'error.log'), 'utf8').slice(-2_000) : '';
          reject(new Error(`apache2 exited with ${code}: ${stderr}${log}`));
        }),
      );
      child = proc;
      proc.once('exit', () => {
        if (child === proc) child = null;
      });
      await Promise.race([waitForPort(port, 10_000), exited]);
      exited.catch(() => undefined);
    },
    async stop(how = 'graceful') {
      const proc = child;
      if (!proc) return;
      // The workers, by id, so that a simulated crash leaves none of them serving.
      const workers = spawnSync('ps', ['-o', 'pid=', '--ppid', String(proc.pid)], { encoding: 'utf8' })
        .stdout.split('\n')
        .map((l) => Number(l.trim()))
        .filter((pid) => Number.isInteger(pid) && pid > 0);
      const gone = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
      proc.kill(how === 'kill' ? 'SIGKILL' : 'SIGTERM');
      if (how === 'kill') {
        for (const pid of workers) {
          try {
            process.kill(pid, 'SIGKILL');
          } catch {
            // Gone already.
          }
        }
      }
      await gone;
      child = null;
      // Wait until nothing answers on the port any more.
      for (let i = 0; i < 100; i++) {
        try {
          await fetch(`http://127.0.0.1:${port}/`, { method: 'HEAD', signal: AbortSignal.timeout(200) });
          await new Promise((r) => setTimeout(r, 50));
        } catch {
          break;
        }
      }
    },
    running: () => child !== null,
    files: () => walk(shareDir, shareDir),
    async dispose() {
      await hub.stop();
      await rm(root, { recursive: true, force: true });
    },
  };
  return hub;
}
