import enAdmin from './en/admin';
import enCommon from './en/common';
import enConsult from './en/consult';
import enConsultations from './en/consultations';
import enDashboard from './en/dashboard';
import enDiagnosis from './en/diagnosis';
import enImaging from './en/imaging';
import enReferrals from './en/referrals';
import enViewer from './en/viewer';
import zhAdmin from './zh-CN/admin';
import zhCommon from './zh-CN/common';
import zhConsult from './zh-CN/consult';
import zhConsultations from './zh-CN/consultations';
import zhDashboard from './zh-CN/dashboard';
import zhDiagnosis from './zh-CN/diagnosis';
import zhImaging from './zh-CN/imaging';
import zhReferrals from './zh-CN/referrals';
import zhViewer from './zh-CN/viewer';

export const resources = {
  'zh-CN': {
    admin: zhAdmin,
    common: zhCommon,
    dashboard: zhDashboard,
    diagnosis: zhDiagnosis,
    consult: zhConsult,
    consultations: zhConsultations,
    imaging: zhImaging,
    referrals: zhReferrals,
    viewer: zhViewer,
  },
  en: {
    admin: enAdmin,
    common: enCommon,
    dashboard: enDashboard,
    diagnosis: enDiagnosis,
    consult: enConsult,
    consultations: enConsultations,
    imaging: enImaging,
    referrals: enReferrals,
    viewer: enViewer,
  },
};
