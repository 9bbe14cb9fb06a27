export { FieldVerificationError, loadVerificationPairs, takeRows, type VerificationDeps, type VerificationPairs } from './pairs';
export { createStandInVerifications, type StandInVerifications, type StandInVerificationsInput } from './stand-in';
