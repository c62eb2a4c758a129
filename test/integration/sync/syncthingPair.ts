/**
 * Two Syncthing instances on 127.0.0.1, configured by script: global and local discovery,
 * relays, NAT traversal and usage reporting off; each listens on its own loopback port and knows
 * the other by device ID and explicit address; one folder shared between them, with the file
 * system watcher on and a short rescan interval. Started and stopped by the test harness; their
 * homes are temporary folders.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { freePort } from './apacheHub';

export const SYNCTHING_BINARY = '/usr/bin/syncthing';

export function syncthingMissing(): string | null {
  return existsSync(SYNCTHING_BINARY) ? null : `${SYNCTHING_BINARY} is not installed (apt package syncthing)`;
}

interface Instance {
  readonly home: string;
  readonly folder: string;
  readonly deviceId: string;
  readonly listenPort: number;
  readonly guiPort: number;
  readonly apiKey: string;
  process: ChildProcess | null;
  log: string;
}

export interface SyncthingPair {
  /** The shared folder as each side sees it. */
  readonly folders: readonly [string, string];
  start(): Promise<void>;
  stop(): Promise<void>;
  dispose(): Promise<void>;
}

const FOLDER_ID = 'crisis-workbook-bundles';

async function makeInstance(root: string, name: string): Promise<Instance> {
  const home = join(root, name, 'home');
  const folder = join(root, name, 'bundles');
  await mkdir(home, { recursive: true });
  await mkdir(join(folder, '.stfolder'), { recursive: true });
  // The app's own temporary names are not worth sending; Syncthing's own are never shown.
  await writeFile(join(folder, '.stignore'), '(?d)*.partial\n');
  const generated = spawnSync(SYNCTHING_BINARY, ['generate', `--home=${home}`, '--no-default-folder', '--skip-port-probing'], { encoding: 'utf8' });
  if (generated.status !== 0) throw new Error(`syncthing generate failed: ${generated.stderr}`);
  const id = spawnSync(SYNCTHING_BINARY, ['serve', `--home=${home}`, '--device-id'], { encoding: 'utf8' });
  const deviceId = id.stdout.trim();
  if (id.status !== 0 || !/^[A-Z0-9]{7}(-[A-Z0-9]{7}){7}$/.test(deviceId)) throw new Error(`syncthing --device-id failed: ${id.stderr}${id.stdout}`);
  return { home, folder, deviceId, listenPort: await freePort(), guiPort: await freePort(), apiKey: randomBytes(16).toString('hex'), process: null, log: '' };
}

/** The configuration, written over the generated one (keeping its version number). */
async function configure(self: Instance, other: Instance, names: readonly [string, string]): Promise<void> {
  const path = join(self.home, 'config.xml');
  const generated = await readFile(path, 'utf8');
  const version = /<configuration version="(\d+)"/.exec(generated)?.[1];
  if (!version) throw new Error('the generated config.xml has no version');
  const device = (instance: Instance, name: string) =>
    `    <device id="${instance.deviceId}" name="${name}" compression="metadata" introducer="false" skipIntroductionRemovals="false" introducedBy="">\n        <address>tcp://127.0.0.1:${instance.listenPort}</address>\n        <paused>false</paused>\n        <autoAcceptFolders>false</autoAcceptFolders>\n    </device>`;
  const xml = `<configuration version="${version}">
    <folder id="${FOLDER_ID}" label="Crisis Workbook bundles" path="${self.folder}" type="sendreceive" rescanIntervalS="10" fsWatcherEnabled="true" fsWatcherDelayS="1" ignorePerms="true" autoNormalize="true">
        <device id="${self.deviceId}" introducedBy=""></device>
        <device id="${other.deviceId}" introducedBy=""></device>
        <minDiskFree unit="%">1</minDiskFree>
        <markerName>.stfolder</markerName>
    </folder>
${device(self, names[0])}
${device(other, names[1])}
    <gui enabled="true" tls="false" debugging="false">
        <address>127.0.0.1:${self.guiPort}</address>
        <apikey>${self.apiKey}</apikey>
        <theme>default</theme>
    </gui>
    <options>
        <listenAddress>tcp://127.0.0.1:${self.listenPort}</listenAddress>
        <globalAnnounceEnabled>false</globalAnnounceEnabled>
        <localAnnounceEnabled>false</localAnnounceEnabled>
        <relaysEnabled>false</relaysEnabled>
        <natEnabled>false</natEnabled>
        <startBrowser>false</startBrowser>
        <urAccepted>-1</urAccepted>
        <urSeen>3</urSeen>
        <autoUpgradeIntervalH>0</autoUpgradeIntervalH>
        <crashReportingEnabled>false</crashReportingEnabled>
        <announceLANAddresses>false</announceLANAddresses>
        <setLowPriority>false</setLowPriority>
    </options>
</configuration>
`;
  await writeFile(path, xml);
}

async function rest(instance: Instance, path: string): Promise<unknown> {
  const response = await fetch(`http://127.0.0.1:${instance.guiPort}${path}`, { headers: { 'X-API-Key': instance.apiKey }, signal: AbortSignal.timeout(2_000) });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response.json();
}

async function until(what: string, timeoutMs: number, check: () => Promise<boolean>, instances: readonly Instance[]): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await check()) return;
    } catch {
      // Not answering yet.
    }
    if (Date.now() > deadline) throw new Error(`Syncthing: ${what} within ${timeoutMs} ms did not happen.\n${instances.map((i) => i.log.slice(-2_000)).join('\n---\n')}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export async function createSyncthingPair(): Promise<SyncthingPair> {
  const root = await mkdtemp(join(tmpdir(), 'cw-syncthing-'));
  const a = await makeInstance(root, 'a');
  const b = await makeInstance(root, 'b');
  await configure(a, b, ['replica-a', 'replica-b']);
  await configure(b, a, ['replica-b', 'replica-a']);
  const instances = [a, b];
  const pair: SyncthingPair = {
    folders: [a.folder, b.folder],
    async start() {
      for (const instance of instances) {
        if (instance.process) continue;
        const child = spawn(SYNCTHING_BINARY, ['serve', `--home=${instance.home}`, '--no-browser', '--no-restart', '--no-upgrade', '--no-default-folder', '--skip-port-probing'], {
          stdio: ['ignore', 'pipe', 'pipe'],
          env: { ...process.env, STNORESTART: '1', STNOUPGRADE: '1', STNODEFAULTFOLDER: '1', STGUIADDRESS: '' },
        });
        child.stdout?.on('data', (d: Buffer) => (instance.log += d.toString()));
        child.stderr?.on('data', (d: Buffer) => (instance.log += d.toString()));
        child.once('exit', () => {
          if (instance.process === child) instance.process = null;
        });
        instance.process = child;
      }
      await until('both REST APIs answer', 30_000, async () => {
        for (const instance of instances) await rest(instance, '/rest/system/ping');
        return true;
      }, instances);
      await until('the two devices connect', 60_000, async () => {
        const connections = (await rest(a, '/rest/system/connections')) as { connections: Record<string, { connected: boolean }> };
        return connections.connections[b.deviceId]?.connected === true;
      }, instances);
    },
    async stop() {
      for (const instance of instances) {
        const child = instance.process;
        if (!child) continue;
        const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await gone;
        clearTimeout(timer);
        instance.process = null;
      }
    },
    async dispose() {
      await pair.stop();
      await rm(root, { recursive: true, force: true });
    },
  };
  return pair;
}
