// The Chinese words for the shared enums: printed on the referral slip and shown in the zh-CN web
// client, one source so staff see exactly the words patients have on paper.
import type { ConsultationStatus, DeclineReason, ReferralAdvice } from './consultations';
import type { AmendmentKind, DiagnosisKind, DiagnosisStatus } from './diagnosis';
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

export const CONSULTATION_STATUS_LABELS: Readonly<Record<ConsultationStatus, string>> = {
  requested: '待受理',
  info_requested: '待补充资料',
  declined: '已拒绝',
  scheduled: '已排期',
  live: '进行中',
  ended: '待出报告',
  reported: '已出报告',
  cancelled: '已取消',
};

export const DECLINE_REASON_LABELS: Readonly<Record<DeclineReason, string>> = {
  outside_scope: '不属本科诊疗范围',
  capacity: '近期无法安排',
  incomplete: '资料不全',
  not_needed: '无需会诊',
  other: '其他',
};

export const REFERRAL_ADVICE_LABELS: Readonly<Record<ReferralAdvice, string>> = {
  up: '建议上转',
  down: '建议下转',
  none: '无需转诊',
};

export const DIAGNOSIS_STATUS_LABELS: Readonly<Record<DiagnosisStatus, string>> = {
  requested: '待阅片',
  claimed: '阅片中',
  reported: '报告草稿',
  signed: '已出报告',
  acknowledged: '已确认',
  cancelled: '已撤销',
};

export const DIAGNOSIS_KIND_LABELS: Readonly<Record<DiagnosisKind, string>> = {
  ecg: '远程心电诊断',
  imaging: '远程影像诊断',
};

export const AMENDMENT_KIND_LABELS: Readonly<Record<AmendmentKind, string>> = {
  addendum: '补充报告',
  correction: '更正报告',
};
