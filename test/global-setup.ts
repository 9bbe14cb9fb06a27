import { makeRunDir, startEphemeralServers } from '../services/stack/ephemeral';
import { startKubeApiServer } from './kube/apiserver';
import { kubeBinaries } from './kube/binaries';

/**
 * Integration tests get servers of their own: a Temporal dev server, an S3 server and a
 * kube-apiserver (with kine) on free loopback ports in a temporary directory, and a fresh
 * PostgreSQL database. Nothing is mocked.
 */
export default async function globalSetup(): Promise<void> {
  const dir = makeRunDir('test');
  // kube-apiserver + kine start beside the others (about 3 s); their processes sit in `dir`, so
  // the teardown stops them with the rest.
  const [servers, kubeApi] = await Promise.all([
    startEphemeralServers({ label: 'test', bucket: 'synthflux-test', dir }),
    startKubeApiServer({ runDir: dir, ...kubeBinaries() }),
  ]);
  Object.assign(process.env, {
    SYNTHFLUX_TEST_STACK_DIR: dir,
    TEST_TEMPORAL_ADDRESS: servers.temporalAddress,
    TEST_DATABASE_URL: servers.databaseUrl,
    TEST_S3_ENDPOINT: servers.s3Endpoint,
    TEST_S3_BUCKET: servers.bucket,
    TEST_S3_ACCESS_KEY: servers.credentials.S3_ACCESS_KEY,
    TEST_S3_SECRET_KEY: servers.credentials.S3_SECRET_KEY,
    TEST_KUBE_URL: kubeApi.url,
    TEST_KUBE_CA_FILE: kubeApi.caFile,
    TEST_KUBE_TOKEN: kubeApi.adminToken,
  });
}
