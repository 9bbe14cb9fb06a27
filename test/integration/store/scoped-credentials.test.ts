// Least privilege enforced by the real S3 server: credentials issued for the consumer role read
// the bucket but are refused every write; the worker role writes. Nothing here is checked by our
// own code: MinIO evaluates the session policy and answers AccessDenied.

import { createS3Client } from '../../../services/store/s3';
import { issueScopedCredentials, type S3Role } from '../../../services/store/scoped-credentials';
import { connectTestServers, type TestServers } from '../harness';

describe('per-component S3 credentials (STS AssumeRole + session policy)', () => {
  let servers: TestServers;
  const key = `scoped-test/${Date.now().toString(36)}`;
  beforeAll(() => {
    servers = connectTestServers();
  });
  afterAll(async () => {
    await servers.s3.removeObject(servers.bucket, `${key}/by-root`).catch(() => undefined);
    await servers.s3.removeObject(servers.bucket, `${key}/by-worker`).catch(() => undefined);
    await servers.prisma.$disconnect();
  });

  const clientFor = async (role: S3Role, bucket = servers.bucket) => {
    const creds = await issueScopedCredentials({ endpoint: servers.s3Config.endpoint, accessKey: servers.s3Config.accessKey, secretKey: servers.s3Config.secretKey, bucket, role });
    // Its own key pair, not the root's.
    expect(creds.S3_ACCESS_KEY).not.toBe(servers.s3Config.accessKey);
    return createS3Client({ S3_ENDPOINT: servers.s3Config.endpoint, S3_BUCKET: bucket, S3_REGION: 'us-east-1', ...creds });
  };
  const code = (p: Promise<unknown>): Promise<string> => p.then(() => 'OK', (err: Error & { code?: string }) => err.code ?? String(err));

  it('the worker key writes and reads; the consumer key reads but gets AccessDenied on every write', async () => {
    await servers.s3.putObject(servers.bucket, `${key}/by-root`, Buffer.from('root'));
    const worker = await clientFor('worker');
    const consumer = await clientFor('consumer');

    expect(await code(worker.putObject(servers.bucket, `${key}/by-worker`, Buffer.from('map')))).toBe('OK');
    expect(await code(worker.statObject(servers.bucket, `${key}/by-root`))).toBe('OK');

    expect(await code(consumer.statObject(servers.bucket, `${key}/by-worker`))).toBe('OK');
    const listed: string[] = [];
    for await (const o of consumer.listObjectsV2(servers.bucket, `${key}/`, true) as AsyncIterable<{ name?: string }>) if (o.name) listed.push(o.name);
    expect(listed.sort()).toEqual([`${key}/by-root`, `${key}/by-worker`]);
    expect(await code(consumer.putObject(servers.bucket, `${key}/by-consumer`, Buffer.from('x')))).toBe('AccessDenied');
    expect(await code(consumer.removeObject(servers.bucket, `${key}/by-worker`))).toBe('AccessDenied');
    expect(await code(consumer.makeBucket('synthflux-consumer-made', 'us-east-1'))).toBe('AccessDenied');
    expect(await code(servers.s3.statObject(servers.bucket, `${key}/by-consumer`))).toBe('NotFound');
  });

  it('a key scoped to one bucket cannot touch another', async () => {
    const worker = await clientFor('worker', 'some-other-bucket');
    expect(await code(worker.putObject(servers.bucket, `${key}/elsewhere`, Buffer.from('x')))).toBe('AccessDenied');
  });
});
