import enCommon from './en/common';
import enConsult from './en/consult';
import enDashboard from './en/dashboard';
import enReferrals from './en/referrals';
import enViewer from './en/viewer';
import zhCommon from './zh-CN/common';
import zhConsult from './zh-CN/consult';
import zhDashboard from './zh-CN/dashboard';
import zhReferrals from './zh-CN/referrals';
import zhViewer from './zh-CN/viewer';

export const resources = {
  'zh-CN': {
    common: zhCommon,
    dashboard: zhDashboard,
    consult: zhConsult,
    referrals: zhReferrals,
    viewer: zhViewer,
  },
  en: {
    common: enCommon,
    dashboard: enDashboard,
    consult: enConsult,
    referrals: enReferrals,
    viewer: enViewer,
  },
};
