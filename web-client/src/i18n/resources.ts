import enCommon from './en/common';
import enConsult from './en/consult';
import enDashboard from './en/dashboard';
import zhCommon from './zh-CN/common';
import zhConsult from './zh-CN/consult';
import zhDashboard from './zh-CN/dashboard';

export const resources = {
  'zh-CN': { common: zhCommon, dashboard: zhDashboard, consult: zhConsult },
  en: { common: enCommon, dashboard: enDashboard, consult: enConsult },
};
