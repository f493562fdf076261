// Standard phrases a reader starts from (the common normal reports); the reader edits them.
import type { DiagnosisKind } from '@tiered-care/common';

export interface ReportTemplate {
  id: string;
  name: string;
  findings: string;
  impression: string;
}

export const TEMPLATES: Readonly<Record<DiagnosisKind, readonly ReportTemplate[]>> = {
  ecg: [
    {
      id: 'ecg-normal',
      name: '正常心电图',
      findings:
        '窦性心律，心率正常范围。P波形态正常，PR间期正常。QRS波群时限及形态正常，电轴不偏。ST段无偏移，T波形态正常。QT/QTc间期正常。',
      impression: '1. 窦性心律\n2. 正常心电图',
    },
    {
      id: 'ecg-sinus-tachy',
      name: '窦性心动过速',
      findings: '窦性心律，心率增快（>100次/分）。PR、QRS、QT间期在正常范围，ST-T未见明显异常。',
      impression: '窦性心动过速',
    },
    {
      id: 'ecg-st-depression',
      name: 'ST段压低',
      findings: '窦性心律。多导联ST段水平型压低≥0.1 mV，伴T波低平或倒置。',
      impression: '1. 窦性心律\n2. ST-T改变（心肌缺血可能，请结合临床）',
    },
    {
      id: 'ecg-af',
      name: '心房颤动',
      findings: 'P波消失，代之以大小不等、形态各异的f波，RR间期绝对不规则。',
      impression: '心房颤动',
    },
  ],
  imaging: [
    {
      id: 'cxr-normal',
      name: '胸部X线正常',
      findings:
        '胸廓对称，气管居中。双肺纹理清晰，未见实变及结节影。双肺门不大。心影大小形态正常。双侧膈面光整，肋膈角锐利。',
      impression: '心肺膈未见明显异常',
    },
    {
      id: 'cxr-pneumonia',
      name: '肺部感染',
      findings: '右下肺野见斑片状模糊影，边界不清。心影大小形态正常。双侧肋膈角锐利。',
      impression: '右下肺炎症，建议治疗后复查',
    },
    {
      id: 'ct-head-normal',
      name: '头颅CT正常',
      findings:
        '脑实质密度均匀，灰白质分界清楚，未见异常密度影。脑室系统无扩大，中线结构居中。颅骨未见骨折。',
      impression: '颅脑CT平扫未见明显异常',
    },
  ],
};
