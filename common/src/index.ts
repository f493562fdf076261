export * from './enums';
export * from './ids';
export * from './auth';
export * from './patients';
export * from './referrals';
export * from './errors';
export * from './consultations';
export * from './labelsZh';
