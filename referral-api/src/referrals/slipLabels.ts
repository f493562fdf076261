// The slip prints the same Chinese words the zh-CN web client shows (common/src/labelsZh.ts).
export {
  DIRECTION_LABELS,
  GENDER_LABELS,
  genderLabel,
  PRIORITY_LABELS,
  STATUS_LABELS,
  TYPE_LABELS,
} from '@tiered-care/common';
