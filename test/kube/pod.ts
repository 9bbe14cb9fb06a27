// Runs a rendered container the way the kubelet would, as a local process: the image's command
// (k8s/images/Dockerfile, ENTRYPOINT + CMD of the target the image is named after, unless the
// container sets command/args), and exactly the environment the manifest gives it: env values,
// ConfigMap and Secret references resolved from the objects stored in the API server, fieldRefs
// and resourceFieldRefs. A pod has its own network namespace; here all processes share the host's,
// so each container port becomes a free local port, and env values naming that port follow it.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { CoreV1Api, type KubeConfig, type V1Container, type V1Deployment, type V1PodSpec, type V1Probe } from '@kubernetes/client-node';
import { freePort, poll, startDetached, stopProcess, type ManagedProcess } from '../../services/stack/process';
import { checkHealth } from '../integration/solver/helpers';

const repoRoot = path.resolve(__dirname, '..', '..');

interface Stage {
  base: string;
  entrypoint?: string[];
  cmd?: string[];
  env: Record<string, string>;
}

export interface ImageConfig {
  entrypoint: string[];
  cmd: string[];
  /** ENV of the target and the stages it builds on. */
  env: Record<string, string>;
}

/** ENTRYPOINT, CMD and ENV of a Dockerfile target, following the stages it builds on. */
export function imageConfig(target: string, dockerfile = path.join(repoRoot, 'k8s', 'images', 'Dockerfile')): ImageConfig {
  const stages = new Map<string, Stage>();
  let current: Stage | undefined;
  for (const line of fs.readFileSync(dockerfile, 'utf8').split('\n').map((l) => l.trim())) {
    const from = /^FROM\s+(\S+)\s+AS\s+(\S+)$/i.exec(line);
    if (from) stages.set(from[2]!, (current = { base: from[1]!, env: {} }));
    const exec = /^(ENTRYPOINT|CMD)\s+(\[.*\])$/i.exec(line);
    if (exec && current) current[exec[1]!.toUpperCase() === 'CMD' ? 'cmd' : 'entrypoint'] = JSON.parse(exec[2]!) as string[];
    const env = /^ENV\s+(.+)$/i.exec(line);
    if (env && current) for (const pair of env[1]!.split(/\s+/)) current.env[pair.split('=')[0]!] = pair.split('=').slice(1).join('=');
  }
  const resolve = (name: string, key: 'entrypoint' | 'cmd'): string[] => {
    const stage = stages.get(name);
    if (!stage) return [];
    return stage[key] ?? resolve(stage.base, key);
  };
  const envOf = (name: string): Record<string, string> => {
    const stage = stages.get(name);
    return stage ? { ...envOf(stage.base), ...stage.env } : {};
  };
  if (!stages.has(target)) throw new Error(`k8s/images/Dockerfile has no target '${target}'`);
  return { entrypoint: resolve(target, 'entrypoint'), cmd: resolve(target, 'cmd'), env: envOf(target) };
}

/** synthflux/api, registry.example.com/synthflux/api:0.1.0 -> api */
const targetOf = (image: string): string => image.split('/').pop()!.split(/[:@]/)[0]!;

/** What the kubelet runs: command replaces ENTRYPOINT (and drops CMD), args replace CMD. */
export function containerCommand(container: V1Container): string[] {
  if (container.command) return [...container.command, ...(container.args ?? [])];
  const image = imageConfig(targetOf(container.image!));
  return [...image.entrypoint, ...(container.args ?? image.cmd)];
}

export interface PodContext {
  kubeConfig: KubeConfig;
  namespace: string;
  /** The rendered manifests: ConfigMaps come from here (they are also applied). */
  configMaps: Map<string, Record<string, string>>;
}

async function readSecret(ctx: PodContext, name: string): Promise<Record<string, string>> {
  const secret = await ctx.kubeConfig.makeApiClient(CoreV1Api).readNamespacedSecret({ name, namespace: ctx.namespace });
  return Object.fromEntries(Object.entries(secret.data ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64').toString('utf8')]));
}

/** The container's environment as the kubelet builds it: the image's ENV, envFrom, then env entries in order. */
export async function containerEnv(ctx: PodContext, container: V1Container): Promise<Record<string, string>> {
  const env: Record<string, string> = { ...imageConfig(targetOf(container.image!)).env };
  for (const source of container.envFrom ?? []) {
    if (source.configMapRef) Object.assign(env, ctx.configMaps.get(source.configMapRef.name!) ?? {});
    if (source.secretRef) Object.assign(env, await readSecret(ctx, source.secretRef.name!));
  }
  for (const entry of container.env ?? []) {
    const from = entry.valueFrom;
    if (!from) env[entry.name] = entry.value ?? '';
    else if (from.secretKeyRef) {
      const value = (await readSecret(ctx, from.secretKeyRef.name!))[from.secretKeyRef.key];
      if (value === undefined) throw new Error(`${container.name}: Secret ${from.secretKeyRef.name} has no key ${from.secretKeyRef.key} (CreateContainerConfigError)`);
      env[entry.name] = value;
    } else if (from.configMapKeyRef) env[entry.name] = ctx.configMaps.get(from.configMapKeyRef.name!)?.[from.configMapKeyRef.key] ?? '';
    else if (from.fieldRef?.fieldPath === 'metadata.namespace') env[entry.name] = ctx.namespace;
    else if (from.resourceFieldRef) {
      const quantity = String((container.resources?.requests ?? {})[from.resourceFieldRef.resource.replace(/^requests\./, '')] ?? '0');
      // Whole CPUs (divisor 1), rounded up as the kubelet does; "500m" -> 1.
      env[entry.name] = String(Math.ceil(quantity.endsWith('m') ? Number(quantity.slice(0, -1)) / 1000 : Number(quantity)));
    } else throw new Error(`${container.name}: env ${entry.name} uses a valueFrom this runner does not know`);
  }
  return env;
}

export interface RunningContainer {
  name: string;
  process: ManagedProcess;
  /** containerPort -> the local port it listens on here. */
  ports: Map<number, number>;
  env: Record<string, string>;
  /** host:port of a named container port. */
  address(portName: string): string;
  log(): string;
  stop(): Promise<void>;
}

/**
 * Starts one container of a pod template. `extraEnv` is for what a pod gets besides its manifest
 * (the service account token mount: KUBECONFIG pointing at the worker's credentials here).
 */
export async function startContainer(ctx: PodContext, pod: V1PodSpec, containerName: string, opts: { runDir: string; instance: string; extraEnv?: Record<string, string> }): Promise<RunningContainer> {
  const container = [...(pod.initContainers ?? []), ...pod.containers].find((c) => c.name === containerName);
  if (!container) throw new Error(`no container ${containerName}`);
  const env = await containerEnv(ctx, container);
  const ports = new Map<number, number>();
  for (const p of container.ports ?? []) ports.set(p.containerPort, await freePort());
  for (const [key, value] of Object.entries(env)) {
    const local = ports.get(Number(value));
    if (local !== undefined && /^\d+$/.test(value)) env[key] = String(local);
  }
  const [command, ...args] = containerCommand(container);
  // Only what the manifest gives, plus PATH to find node (the image's own PATH).
  const processEnv = { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env, ...opts.extraEnv };
  const name = `${opts.instance}-${containerName}`;
  const proc = startDetached({ name, command: command!, args, runDir: opts.runDir, env: processEnv, inheritEnv: false, cwd: repoRoot });
  return {
    name,
    process: proc,
    ports,
    env,
    address(portName) {
      const port = container.ports?.find((p) => p.name === portName)?.containerPort;
      if (port === undefined) throw new Error(`${containerName} has no port named ${portName}`);
      return `127.0.0.1:${ports.get(port)}`;
    },
    log: () => fs.readFileSync(proc.logFile, 'utf8'),
    stop: async () => void (await stopProcess(opts.runDir, name, 10_000)),
  };
}

/** Runs an init container to completion, as the kubelet does before the app containers start. */
export async function runInitContainer(ctx: PodContext, pod: V1PodSpec, containerName: string, opts: { timeoutMs?: number } = {}): Promise<{ code: number; output: string }> {
  const container = pod.initContainers?.find((c) => c.name === containerName);
  if (!container) throw new Error(`no init container ${containerName}`);
  const env = await containerEnv(ctx, container);
  const [command, ...args] = containerCommand(container);
  return new Promise((resolve, reject) => {
    const child = spawn(command!, args, { cwd: repoRoot, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 60_000);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, output });
    });
  });
}

/** One probe as the kubelet runs it: gRPC health or an HTTP GET (2xx/3xx) against the local port. */
export async function probeOnce(running: RunningContainer, probe: V1Probe): Promise<boolean> {
  if (probe.grpc) {
    const port = running.ports.get(probe.grpc.port);
    return (await checkHealth(`127.0.0.1:${port}`, probe.grpc.service ?? '')) === 'SERVING';
  }
  if (probe.httpGet) {
    const port = typeof probe.httpGet.port === 'number' ? probe.httpGet.port : undefined;
    const res = await fetch(`http://127.0.0.1:${running.ports.get(port!)}${probe.httpGet.path ?? '/'}`, { redirect: 'manual', signal: AbortSignal.timeout(2000) });
    return res.status >= 200 && res.status < 400;
  }
  throw new Error('only grpc and httpGet probes are run here');
}

/** Waits until the container's readiness probe passes (and its startup probe, if any). */
export async function waitReady(running: RunningContainer, container: V1Container, timeoutMs = 60_000): Promise<void> {
  const probes = [container.startupProbe, container.readinessProbe].filter((p): p is V1Probe => Boolean(p));
  if (probes.length === 0) throw new Error(`${container.name} has no readiness probe`);
  for (const probe of probes) {
    await poll({ label: `${running.name} ready (log: ${running.process.logFile})`, timeoutMs, check: () => probeOnce(running, probe) });
  }
}

export const deploymentPod = (deployment: V1Deployment): V1PodSpec => deployment.spec!.template.spec!;
