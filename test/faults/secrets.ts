// After a run, no log of any process may contain a secret the run used: S3 keys, the consumer's
// bearer token. Error paths (a crashed dependency, a retried batch) are where secrets tend to
// leak, so this runs over the logs of the fault suite, which exercises all of them.

import fs from 'node:fs';
import path from 'node:path';

export interface SecretLeak {
  file: string;
  secret: string;
}

export function findSecretsInLogs(logDir: string, secrets: Record<string, string>): { files: number; bytes: number; leaks: SecretLeak[] } {
  const leaks: SecretLeak[] = [];
  let bytes = 0;
  const files = fs.readdirSync(logDir).filter((f) => fs.statSync(path.join(logDir, f)).isFile());
  for (const file of files) {
    const text = fs.readFileSync(path.join(logDir, file), 'utf8');
    bytes += text.length;
    // Names only in the report: printing the secret would be the leak.
    for (const [name, secret] of Object.entries(secrets)) if (secret.length >= 8 && text.includes(secret)) leaks.push({ file, secret: name });
  }
  return { files: files.length, bytes, leaks };
}
