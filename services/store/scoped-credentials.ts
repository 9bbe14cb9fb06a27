// Per-component S3 credentials with least-privilege policies, enforced by the S3 server itself.
//
// How: STS AssumeRole with an inline session policy, signed with the stack's root (or an admin)
// key. MinIO grants the intersection of the parent's rights and the session policy, so a
// consumer's credentials can read the bucket and nothing else, whatever the client code does.
// Why not long-lived users: creating MinIO users and attaching policies needs MinIO's admin API,
// whose request bodies are encrypted with an argon2id-derived key (madmin-go); minio-js has no
// admin client and Node 20 has no argon2, so it would mean building `mc` from Go modules or
// re-implementing madmin. AssumeRole is plain, documented S3 STS that minio-js already speaks.
// The cost: the credentials expire (DurationSeconds, at most 7 days on MinIO), so whoever issues
// them (the stack, or the ops tooling in production) re-issues them before they do.

import { createRequire } from 'node:module';

interface AssumeRoleProviderLike {
  getCredentials(): Promise<{ accessKey: string; secretKey: string; sessionToken?: string }>;
}
// minio-js ships AssumeRoleProvider but exports it only by file path, with no types under its
// package `exports` map; this is the constructor's subset we use.
const { AssumeRoleProvider } = createRequire(__filename)('minio/dist/main/AssumeRoleProvider.js') as {
  AssumeRoleProvider: new (opts: { stsEndpoint: string; accessKey: string; secretKey: string; policy: string; durationSeconds: number; region: string }) => AssumeRoleProviderLike;
};

export type S3Role = 'worker' | 'consumer';

/** IAM policy of a role on one bucket. Workers write datasets; consumers only read them. */
export function rolePolicy(role: S3Role, bucket: string): Record<string, unknown> {
  const objects = `arn:aws:s3:::${bucket}/*`;
  const theBucket = `arn:aws:s3:::${bucket}`;
  const objectActions =
    role === 'worker'
      ? ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts']
      : ['s3:GetObject'];
  const bucketActions = role === 'worker' ? ['s3:ListBucket', 's3:GetBucketLocation', 's3:ListBucketMultipartUploads'] : ['s3:ListBucket', 's3:GetBucketLocation'];
  return {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Action: bucketActions, Resource: [theBucket] },
      { Effect: 'Allow', Action: objectActions, Resource: [objects] },
    ],
  };
}

export interface ScopedCredentials {
  S3_ACCESS_KEY: string;
  S3_SECRET_KEY: string;
  S3_SESSION_TOKEN: string;
}

/** Temporary credentials for one component, limited to its role on `bucket`. */
export async function issueScopedCredentials(opts: {
  endpoint: string;
  accessKey: string;
  secretKey: string;
  bucket: string;
  role: S3Role;
  durationSeconds?: number;
  region?: string;
}): Promise<ScopedCredentials> {
  const provider = new AssumeRoleProvider({
    stsEndpoint: opts.endpoint,
    accessKey: opts.accessKey,
    secretKey: opts.secretKey,
    policy: JSON.stringify(rolePolicy(opts.role, opts.bucket)),
    durationSeconds: opts.durationSeconds ?? 12 * 3600,
    region: opts.region ?? 'us-east-1',
  });
  const creds = await provider.getCredentials();
  if (!creds.sessionToken) throw new Error('the S3 server returned no session token for AssumeRole');
  return { S3_ACCESS_KEY: creds.accessKey, S3_SECRET_KEY: creds.secretKey, S3_SESSION_TOKEN: creds.sessionToken };
}
