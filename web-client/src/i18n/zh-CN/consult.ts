export default {
  schedule: '会诊日程',
  none: '近期没有会诊',
  minutes: '{{count}} 分钟',
  join: '进入会诊',
  opinion: '会诊意见',
  signAndSave: '签名并保存',
  signedSaved: '会诊意见已签名保存',
  status: { scheduled: '待开始', live: '进行中', ended: '已结束' },
};
