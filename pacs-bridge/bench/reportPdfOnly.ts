// The report PDF step of the pacs-bridge bench alone (`npm run bench:report-pdf -w pacs-bridge`):
// prints its results.md section; `npm run bench -w pacs-bridge` measures it with the rest.
import { startBridgeTestApp } from '@tiered-care/testkit/bridge';
import { reportPdfSection } from './reportPdf';

const t = await startBridgeTestApp({ bridge: { reportStorePollMs: null } });
const { dicomWebUrl, username, password } = t.orthanc;
const lines = await reportPdfSection(
  { baseUrl: t.baseUrl, ownerUrl: t.db.ownerUrl, demo: t.demo, orthanc: { dicomWebUrl, username, password } },
  await t.login('doctor.c1'),
);
console.log(lines.join('\n'));
await t.close();
process.exit(0);
