import { useState } from 'react';
import { SOURCE_USER_ATTRIBUTES, seedDirectory, userLabel, type SourceDirectory, type SourceGroup, type SourceUser } from '@shared/idp';
import { useApi } from '../../app/api-context';
import { useSelectedEndpoint } from '../../stores/endpoints';
import { useSimulator } from './store';

function newId(): string {
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 16).toString(16)).join('');
  return `${hex(8)}-${hex(4)}-4${hex(3)}-8${hex(3)}-${hex(12)}`;
}

function UserEditor({ user, users, onChange, onClose }: { user: SourceUser; users: SourceUser[]; onChange(user: SourceUser): void; onClose(): void }) {
  const set = (name: string, value: string) => onChange({ ...user, attributes: { ...user.attributes, [name]: value === '' ? null : value } });
  return (
    <div className="sim-user-editor" role="group" aria-label={`Attributes of ${userLabel(user)}`}>
      <div className="sim-grid">
        {SOURCE_USER_ATTRIBUTES.map((name) =>
          name === 'manager' ? (
            <label key={name} className="field">
              <span>manager</span>
              <select className="select" value={user.attributes.manager ?? ''} onChange={(e) => set('manager', e.target.value)}>
                <option value="">(none)</option>
                {users
                  .filter((u) => u.id !== user.id)
                  .map((u) => (
                    <option key={u.id} value={u.id}>
                      {userLabel(u)}
                    </option>
                  ))}
              </select>
            </label>
          ) : (
            <label key={name} className="field">
              <span>{name}</span>
              <input className="input" value={user.attributes[name] ?? ''} onChange={(e) => set(name, e.target.value)} spellCheck={false} />
            </label>
          ),
        )}
      </div>
      <div className="card-actions">
        <span className="muted small">Source id (objectId) {user.id}</span>
        <span className="sim-spacer" />
        <button type="button" className="btn btn-small" onClick={onClose}>
          Done
        </button>
      </div>
    </div>
  );
}

function GroupRow({ group, users, onChange, onRemove }: { group: SourceGroup; users: SourceUser[]; onChange(group: SourceGroup): void; onRemove(): void }) {
  const [open, setOpen] = useState(false);
  return (
    <li className="sim-group">
      <div className="sim-group-head">
        <input className="input" aria-label={`Name of group ${group.displayName}`} value={group.displayName} onChange={(e) => onChange({ ...group, displayName: e.target.value })} />
        <label className="check">
          <input type="checkbox" checked={group.assigned} onChange={(e) => onChange({ ...group, assigned: e.target.checked })} />
          Assigned
        </label>
        <button type="button" className="btn btn-small" aria-expanded={open} onClick={() => setOpen(!open)}>
          {group.members.length} member{group.members.length === 1 ? '' : 's'}
        </button>
        <button type="button" className="icon-btn icon-btn-danger" aria-label={`Delete group ${group.displayName} from the directory`} onClick={onRemove}>
          ×
        </button>
      </div>
      {open && (
        <fieldset className="sim-members">
          <legend className="visually-hidden">Members of {group.displayName}</legend>
          {users.map((u) => (
            <label key={u.id} className="check">
              <input
                type="checkbox"
                checked={group.members.includes(u.id)}
                onChange={(e) => onChange({ ...group, members: e.target.checked ? [...group.members, u.id] : group.members.filter((m) => m !== u.id) })}
              />
              {userLabel(u)}
            </label>
          ))}
        </fieldset>
      )}
    </li>
  );
}

/** The test users and groups: what the simulated IdP provisions from. Editing one and running a cycle produces the updates. */
export function DirectoryPanel() {
  const api = useApi();
  const endpoint = useSelectedEndpoint();
  const view = useSimulator((s) => s.directory);
  const draft = useSimulator((s) => s.draftDirectory);
  const running = useSimulator((s) => s.running);
  const edit = useSimulator((s) => s.editDirectory);
  const profile = useSimulator((s) => s.profile);
  const [editing, setEditing] = useState<string | undefined>();
  const current = draft ?? view?.directory;
  if (!view || !current) return <p className="muted">Loading the test directory…</p>;
  const setUser = (user: SourceUser) => edit({ ...current, users: current.users.map((u) => (u.id === user.id ? user : u)) });
  const setGroups = (groups: SourceGroup[]) => edit({ ...current, groups });
  const okta = profile.startsWith('okta');
  const addUser = () => {
    const template = seedDirectory().users[2]!;
    const n = current.users.length + 1;
    const user: SourceUser = { id: newId(), assigned: true, softDeleted: false, attributes: { ...template.attributes, userPrincipalName: `new.user${n}@contoso.example`, mail: `new.user${n}@contoso.example`, mailNickname: `new.user${n}`, givenName: 'New', surname: `User ${n}`, displayName: `New User ${n}`, employeeId: String(200_000 + n) } };
    edit({ ...current, users: [...current.users, user] } satisfies SourceDirectory);
    setEditing(user.id);
  };
  return (
    <section aria-label="Test users and groups" className="sim-section">
      <div className="sim-toolbar">
        <p className="muted small">
          {view.fromFile ? 'Saved in' : 'Sample data; saving writes'} <code>{view.file}</code>
        </p>
        <span className="sim-spacer" />
        {draft && <span className="sim-dirty">Unsaved changes</span>}
        <button type="button" className="btn btn-primary" disabled={!draft} onClick={() => void useSimulator.getState().saveDirectory(api)}>
          Save directory
        </button>
        <button type="button" className="btn" disabled={!draft} onClick={() => useSimulator.getState().revertDirectory()}>
          Revert
        </button>
        <button type="button" className="btn btn-quiet" onClick={() => void useSimulator.getState().resetDirectory(api)}>
          Restore samples
        </button>
      </div>
      {view.fileProblem && (
        <div className="callout callout-error" role="alert">
          The directory file could not be used: {view.fileProblem.message}. The samples are shown; saving keeps the old file as <code>.broken-…</code>.
        </div>
      )}
      {view.problems.map((p) => (
        <div key={p} className="sim-problem sim-warning">
          {p}
        </div>
      ))}
      <table className="sim-table" aria-label="Test users">
        <thead>
          <tr>
            <th scope="col">User</th>
            <th scope="col">Title</th>
            <th scope="col">Department</th>
            <th scope="col">Assigned</th>
            <th scope="col">{okta ? 'Deactivated' : 'Soft-deleted'}</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {current.users.map((user) => {
            const label = userLabel(user);
            return [
              <tr key={user.id} className={user.softDeleted || !user.assigned ? 'sim-dim' : undefined}>
                <td>
                  <div>{user.attributes.displayName ?? label}</div>
                  <div className="muted small mono">{label}</div>
                </td>
                <td>{user.attributes.jobTitle}</td>
                <td>{user.attributes.department}</td>
                <td>
                  <input type="checkbox" aria-label={`${label} is assigned to the app`} checked={user.assigned} onChange={(e) => setUser({ ...user, assigned: e.target.checked })} />
                </td>
                <td>
                  <input type="checkbox" aria-label={`${label} is ${okta ? 'deactivated' : 'soft-deleted'}`} checked={user.softDeleted} onChange={(e) => setUser({ ...user, softDeleted: e.target.checked })} />
                </td>
                <td className="sim-actions">
                  <button type="button" className="btn btn-small" aria-expanded={editing === user.id} aria-label={`Edit ${label}`} onClick={() => setEditing(editing === user.id ? undefined : user.id)}>
                    Edit
                  </button>
                  <button
                    type="button"
                    className="btn btn-small"
                    disabled={!endpoint || running !== undefined}
                    aria-label={`Provision ${label} on demand`}
                    onClick={() => endpoint && void useSimulator.getState().run(api, endpoint.id, 'on-demand', user.id)}
                  >
                    Provision on demand
                  </button>
                  <button
                    type="button"
                    className="btn btn-small"
                    disabled={!endpoint || running !== undefined}
                    aria-label={`Deprovision ${label}`}
                    onClick={() => endpoint && void useSimulator.getState().run(api, endpoint.id, 'deprovision', user.id)}
                  >
                    Deprovision
                  </button>
                </td>
              </tr>,
              editing === user.id ? (
                <tr key={`${user.id}-edit`}>
                  <td colSpan={6}>
                    <UserEditor user={user} users={current.users} onChange={setUser} onClose={() => setEditing(undefined)} />
                  </td>
                </tr>
              ) : null,
            ];
          })}
        </tbody>
      </table>
      <div className="card-actions">
        <button type="button" className="btn btn-small" onClick={addUser}>
          Add user
        </button>
      </div>
      <h2 className="sim-h2">Groups</h2>
      <ul className="sim-groups" aria-label="Test groups">
        {current.groups.map((g) => (
          <GroupRow key={g.id} group={g} users={current.users} onChange={(next) => setGroups(current.groups.map((x) => (x.id === g.id ? next : x)))} onRemove={() => setGroups(current.groups.filter((x) => x.id !== g.id))} />
        ))}
      </ul>
      <div className="card-actions">
        <button type="button" className="btn btn-small" onClick={() => setGroups([...current.groups, { id: newId(), displayName: `New group ${current.groups.length + 1}`, mailNickname: null, description: null, assigned: true, members: [] }])}>
          Add group
        </button>
      </div>
    </section>
  );
}
