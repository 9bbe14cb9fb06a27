export { FieldVerificationError, loadVerificationPairs, verificationPairsLoader, type VerificationDeps } from './pairs';
export { createStandInVerifications, type StandInVerifications, type StandInVerificationsInput } from './stand-in';
