import type zh from '../zh-CN/consult';

const en: typeof zh = {
  schedule: 'Consultation schedule',
  none: 'No consultations coming up',
  minutes: '{{count}} min',
  join: 'Join',
  opinion: 'Opinion',
  signAndSave: 'Sign and save',
  signedSaved: 'Opinion signed and saved',
  status: { scheduled: 'Scheduled', live: 'Live', ended: 'Ended' },
};
export default en;
