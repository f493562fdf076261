// The time, length and host the receiving side picks when accepting or proposing a time; the
// first preferred (or proposed) window, else the next half hour, to start with.
import type { Consultation, ConsultationAction } from '@tiered-care/common';
import { useState } from 'react';
import { useAsync } from '../ui/useAsync';
import { searchStaff } from './api';
import { fromLocalInput, nextHalfHour, toLocalInput } from './format';

export function useScheduleChoice(c: Consultation, can: (a: ConsultationAction) => boolean) {
  const firstWindow = c.request?.proposedTimes[0] ?? c.request?.preferredTimes[0];
  const [at, setAt] = useState(() => toLocalInput(firstWindow ? new Date(firstWindow.from) : nextHalfHour()));
  const [duration, setDuration] = useState(30);
  const [host, setHost] = useState(c.request?.specialist?.userId ?? '');
  const receiving = can('accept') || can('decline');
  const hosts = useAsync(
    (signal) =>
      receiving && c.request
        ? searchStaff(
            { institutionId: c.request.toInstitution.id, departmentId: c.request.toDepartment?.id },
            signal,
          ).then((staff) => staff.filter((s) => s.roles.includes('specialist') || s.roles.includes('doctor')))
        : Promise.resolve([]),
    [receiving, c.request?.toInstitution.id, c.request?.toDepartment?.id],
  );
  const scheduledAt = fromLocalInput(at);
  const slotWindow = scheduledAt
    ? { from: scheduledAt, to: new Date(Date.parse(scheduledAt) + duration * 60_000).toISOString() }
    : null;
  return {
    at,
    setAt,
    duration,
    setDuration,
    host,
    setHost,
    hosts: hosts.data ?? [],
    scheduledAt,
    slotWindow,
  };
}

export type ScheduleChoice = ReturnType<typeof useScheduleChoice>;
