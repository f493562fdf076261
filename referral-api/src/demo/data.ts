// The demo consortium (README "Demo data"). All names are fictional.
import type { Role } from '@tiered-care/common';

export const DEMO_PASSWORD = 'Demo@2026';
export const CONSORTIUM = { code: 'DEMO', name: '示范医联体' };

export const INSTITUTIONS = [
  {
    code: 'H1',
    name: '市第一人民医院',
    level: 3,
    departments: [
      ['CARD', '心内科'],
      ['NEUR', '神经内科'],
      ['RAD', '放射科'],
    ],
  },
  {
    code: 'H2',
    name: '县人民医院',
    level: 2,
    departments: [
      ['IM', '内科'],
      ['SURG', '外科'],
    ],
  },
  { code: 'C1', name: '城关镇卫生院', level: 1, departments: [['GP', '全科']] },
  { code: 'C2', name: '东关社区卫生服务中心', level: 1, departments: [['GP', '全科']] },
] as const;

export const ROUTES: [from: string, to: string, direction: 'up' | 'down'][] = [
  ['C1', 'H1', 'up'],
  ['C1', 'H2', 'up'],
  ['C2', 'H1', 'up'],
  ['C2', 'H2', 'up'],
  ['H2', 'H1', 'up'],
  ['H1', 'C1', 'down'],
  ['H1', 'C2', 'down'],
  ['H2', 'C1', 'down'],
  ['H2', 'C2', 'down'],
];

export const USERS: {
  username: string;
  name: string;
  institution: string | null;
  department: string | null;
  roles: Role[];
  /** 职称, shown in the staff picker. */
  title?: string;
}[] = [
  {
    username: 'doctor.c1',
    name: '赵医生',
    institution: 'C1',
    department: 'GP',
    roles: ['doctor'],
    title: '全科主治医师',
  },
  {
    username: 'coordinator.c1',
    name: '钱协调员',
    institution: 'C1',
    department: null,
    roles: ['coordinator'],
  },
  {
    username: 'doctor.c2',
    name: '孙医生',
    institution: 'C2',
    department: 'GP',
    roles: ['doctor'],
    title: '全科医师',
  },
  {
    username: 'coordinator.h1',
    name: '李协调员',
    institution: 'H1',
    department: null,
    roles: ['coordinator'],
  },
  {
    username: 'specialist.h1',
    name: '周主任',
    institution: 'H1',
    department: 'CARD',
    roles: ['specialist'],
    title: '主任医师',
  },
  {
    username: 'radiologist.h1',
    name: '陈医生',
    institution: 'H1',
    department: 'RAD',
    roles: ['specialist'],
    title: '影像科主治医师',
  },
  {
    username: 'resident.h1',
    name: '林医生',
    institution: 'H1',
    department: 'CARD',
    roles: ['specialist'],
    title: '住院医师',
  },
  {
    username: 'admin.h1',
    name: '吴管理员',
    institution: 'H1',
    department: null,
    roles: ['institution_admin'],
  },
  {
    username: 'coordinator.h2',
    name: '郑协调员',
    institution: 'H2',
    department: null,
    roles: ['coordinator'],
  },
  {
    username: 'specialist.h2',
    name: '王主任',
    institution: 'H2',
    department: 'IM',
    roles: ['specialist'],
    title: '副主任医师',
  },
  {
    username: 'admin.region',
    name: '冯主任',
    institution: null,
    department: null,
    roles: ['regional_admin'],
  },
];

/**
 * Reading centres (远程诊断): H1 放射科 reads imaging, H1 心内科 reads ECG; C1, C2 and H2 send to
 * both. A trainee's signed report waits for a senior reader's co-signature.
 */
export const READING_CENTRES: {
  institution: string;
  department: string;
  kinds: ('ecg' | 'imaging')[];
  modalities: string[];
  readers: [username: string, grade: 'senior' | 'trainee'][];
  from: string[];
}[] = [
  {
    institution: 'H1',
    department: 'RAD',
    kinds: ['imaging'],
    modalities: ['CR', 'DX', 'CT', 'MR'],
    readers: [['radiologist.h1', 'senior']],
    from: ['C1', 'C2', 'H2'],
  },
  {
    institution: 'H1',
    department: 'CARD',
    kinds: ['ecg'],
    modalities: [],
    readers: [
      ['specialist.h1', 'senior'],
      ['resident.h1', 'trainee'],
    ],
    from: ['C1', 'C2', 'H2'],
  },
];

/** First 17 characters of fictional identity numbers; the check character is computed. */
export const PATIENTS = [
  {
    institution: 'C1',
    name: '张桂兰',
    gender: 'female',
    birthDate: '1956-03-14',
    id17: '33010219560314002',
    phone: '13800000001',
  },
  {
    institution: 'C1',
    name: '李建国',
    gender: 'male',
    birthDate: '1962-11-02',
    id17: '33010219621102001',
    phone: '13800000002',
  },
  {
    institution: 'C1',
    name: '王秀英',
    gender: 'female',
    birthDate: '1948-07-21',
    id17: '33010219480721004',
    phone: '13800000003',
  },
  {
    institution: 'C2',
    name: '刘德明',
    gender: 'male',
    birthDate: '1970-01-30',
    id17: '33010219700130003',
    phone: '13800000004',
  },
  {
    institution: 'C2',
    name: '陈淑芬',
    gender: 'female',
    birthDate: '1985-09-09',
    id17: '33010219850909002',
    phone: '13800000005',
  },
  // Also registered at the hospital, which treated him and refers him back down.
  {
    institution: 'H1',
    name: '李建国',
    gender: 'male',
    birthDate: '1962-11-02',
    id17: '33010219621102001',
    phone: '13800000002',
  },
] as const;

/**
 * A remote consultation about 张桂兰 today, hosted by H1's cardiologist with the referring doctor
 * and H2's internist; pacs-bridge's demo loader shares the chest CT and the ECG to it.
 */
export const DEMO_CONSULTATION = {
  title: '心内科远程会诊',
  host: 'specialist.h1',
  participants: ['doctor.c1', 'specialist.h2'],
  patient: 'C1/张桂兰',
  durationMinutes: 60,
};

/** A request waiting for H1 心内科's decision, so the incoming worklist has work in it. */
export const DEMO_CONSULTATION_REQUEST = {
  requester: 'doctor.c2',
  patient: 'C2/刘德明',
  to: 'H1',
  department: 'CARD',
  priority: 'routine' as const,
  question: '高血压多年，近一月活动后胸闷，静息心电图未见明显异常，请协助评估是否需要进一步检查及调整用药。',
};

/** H1 心内科 keeps outpatient places for referrals on each of the next 14 days (times in UTC+8). */
export const SLOT_PLAN = {
  institution: 'H1',
  department: 'CARD',
  days: 14,
  times: ['08:30', '09:30', '14:00', '15:00'],
  minutes: 30,
  capacity: 2,
  location: '门诊楼3层 心内科转诊诊室',
};
