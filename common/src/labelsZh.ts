// The Chinese words for the shared enums: printed on the referral slip and shown in the zh-CN web
// client, one source so staff see exactly the words patients have on paper.
import type { Direction, Gender, Priority, ReferralStatus, ReferralType } from './enums';

export const STATUS_LABELS: Readonly<Record<ReferralStatus, string>> = {
  draft: '草稿',
  submitted: '待接收',
  info_requested: '待补充资料',
  accepted: '已接收',
  scheduled: '已预约',
  checked_in: '已报到',
  completed: '已完成',
  rejected: '已拒绝',
  redirected: '已改转',
  no_show: '未到诊',
  cancelled: '已取消',
};

export const PRIORITY_LABELS: Readonly<Record<Priority, string>> = {
  routine: '常规',
  urgent: '加急',
  emergency: '急诊',
};

export const TYPE_LABELS: Readonly<Record<ReferralType, string>> = {
  outpatient: '门诊',
  inpatient: '住院',
  examination: '检查',
};

export const GENDER_LABELS: Readonly<Record<Gender, string>> = {
  male: '男',
  female: '女',
  unknown: '未知',
};

export const DIRECTION_LABELS: Readonly<Record<Direction, string>> = {
  up: '上转',
  down: '下转',
};

/** Patient gender arrives as a plain string from the database, so anything unexpected reads 未知. */
export function genderLabel(gender: string): string {
  return Object.hasOwn(GENDER_LABELS, gender) ? GENDER_LABELS[gender as Gender] : GENDER_LABELS.unknown;
}
