import './forms.css';
import { type FormEvent, useState } from 'react';
import { api } from './api.ts';
import { type ActorView, roleCan, TASK_PRIORITIES, type TaskPriority } from './api-types.ts';
import { ChoiceSelect } from './choice-select.tsx';
import { ConflictNotice } from './conflict-notice.tsx';
import type { Colleague, FullTask } from './forms-types.ts';
import { useI18n } from './i18n/i18n.tsx';
import { SaveCancel } from './save-cancel.tsx';
import { useDepartments } from './use-departments.ts';

/** An ISO time as a `datetime-local` value in the browser's time zone. */
export function localInput(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/**
 * Changing who does a task and by when: a coordinator moves it to another department or person, changes
 * its due time or priority (with a reason); a responder of its department takes it on. At the version
 * read; a conflict says so and offers a reload.
 */
export function TaskReassign(props: {
  readonly task: FullTask;
  readonly actor: ActorView;
  readonly colleagues: ReadonlyArray<Colleague>;
  readonly onChanged: () => void;
}) {
  const { t } = useI18n();
  const { departments, name } = useDepartments();
  const task = props.task;
  const [open, setOpen] = useState(false);
  const [department, setDepartment] = useState(task.departmentId);
  const [assignee, setAssignee] = useState(task.assigneeId ?? '');
  const [due, setDue] = useState(localInput(task.dueAt));
  const [priority, setPriority] = useState<TaskPriority>(task.priority);
  const [why, setWhy] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const canAssign = roleCan(props.actor.role, 'assign');
  const mayTake =
    !canAssign &&
    roleCan(props.actor.role, 'update-task') &&
    props.actor.departmentId === task.departmentId &&
    task.assigneeId !== props.actor.userId;
  const people = props.colleagues.filter((c) => c.departmentId === department);

  async function patch(body: Record<string, unknown>) {
    setBusy(true);
    setError(null);
    try {
      await api('PATCH', `/api/tasks/${encodeURIComponent(task.id)}`, { version: task.version, ...body });
      setOpen(false);
      props.onChanged();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  function save(event: FormEvent) {
    event.preventDefault();
    const dueAt = new Date(due).toISOString();
    void patch({
      ...(department === task.departmentId ? {} : { departmentId: department }),
      ...((assignee === '' ? null : assignee) === task.assigneeId
        ? {}
        : { assigneeId: assignee === '' ? null : assignee }),
      ...(due === localInput(task.dueAt) ? {} : { dueAt }),
      ...(priority === task.priority ? {} : { priority }),
      ...(why.trim() === '' ? {} : { reason: why.trim() }),
    });
  }

  const reload = () => {
    setError(null);
    props.onChanged();
  };

  if (mayTake)
    return (
      <div className="forms-inline">
        <button type="button" disabled={busy} onClick={() => void patch({ assigneeId: props.actor.userId })}>
          {t('fm.takeTask')}
        </button>
        <ConflictNotice error={error} onReload={reload} />
      </div>
    );
  if (!canAssign || task.state === 'done' || task.state === 'cancelled') return null;
  if (!open)
    return (
      <button
        type="button"
        onClick={() => {
          setDepartment(task.departmentId);
          setAssignee(task.assigneeId ?? '');
          setDue(localInput(task.dueAt));
          setPriority(task.priority);
          setOpen(true);
        }}
      >
        {t('fm.changeTask')}
      </button>
    );
  return (
    <form onSubmit={save} aria-label={t('fm.changeTask')}>
      <div className="forms-inline">
        <label>
          {t('department')}
          <select
            name="taskDepartmentChange"
            value={department}
            onChange={(e) => {
              setDepartment(e.target.value);
              setAssignee('');
            }}
          >
            {departments.map((d) => (
              <option key={d.id} value={d.id}>
                {name(d.id)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('fm.taskAssignee')}
          <select name="taskAssignee" value={assignee} onChange={(e) => setAssignee(e.target.value)}>
            <option value="">{t('fm.wholeDepartment')}</option>
            {people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.displayName} ({t(`role.${p.role}`)})
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('dueAt')}
          <input
            name="taskDueChange"
            type="datetime-local"
            required
            value={due}
            onChange={(e) => setDue(e.target.value)}
          />
        </label>
        <ChoiceSelect
          label={t('priority')}
          name="taskPriorityChange"
          value={priority}
          choices={TASK_PRIORITIES}
          optionLabel={(p) => t(`taskPriority.${p}`)}
          onChange={setPriority}
        />
        <label>
          {t('fm.moveWhy')}
          <input name="taskChangeWhy" value={why} onChange={(e) => setWhy(e.target.value)} />
        </label>
      </div>
      <SaveCancel
        busy={busy}
        saveLabel={t('fm.save')}
        cancelLabel={t('fm.cancel')}
        onCancel={() => setOpen(false)}
      />
      <ConflictNotice error={error} onReload={reload} />
    </form>
  );
}
