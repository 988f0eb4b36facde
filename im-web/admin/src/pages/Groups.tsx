import type { GroupMember } from '@im/sdk';
import { Alert, App, Button, Card, Input, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { api, describe } from '../api';

/** One group by id: members with roles, mute, admins, removal and dismissal, each answered by the server. */
export function Groups() {
  const { message, modal } = App.useApp();
  const [groupId, setGroupId] = useState('');
  const [members, setMembers] = useState<GroupMember[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [adding, setAdding] = useState('');

  const load = async (id = groupId) => {
    setError(null);
    if (!/^\d+$/.test(id.trim())) {
      setError('A group id is a number.');
      return;
    }
    try {
      setMembers(await api.groupMembers(id.trim()));
    } catch (e) {
      setMembers(null);
      setError(describe(e));
    }
  };

  const act = async (what: string, action: () => Promise<unknown>) => {
    try {
      await action();
      message.success(what);
      await load();
    } catch (e) {
      modal.error({ title: `${what}: refused`, content: describe(e) });
    }
  };

  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>Groups</h2>}>
      <Alert type="info" showIcon style={{ marginBottom: 16 }}
        message="Searching groups by name waits for the group routes of issue 17; open a group by its id (for example from a compliance search hit)." />
      <Space.Compact style={{ marginBottom: 16, maxWidth: 420, width: '100%' }}>
        <Input aria-label="Group id" placeholder="Group id" value={groupId} onChange={(e) => setGroupId(e.target.value)} onPressEnter={() => void load()} />
        <Button type="primary" onClick={() => void load()}>Open</Button>
      </Space.Compact>
      {error && <Alert role="alert" type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      {members && (
        <>
          <Space wrap style={{ marginBottom: 12 }}>
            <Input aria-label="User ids to add, comma separated" placeholder="User ids to add, comma separated" value={adding} onChange={(e) => setAdding(e.target.value)} style={{ width: 300 }} />
            <Button onClick={() => act('Members added', () => api.addGroupMembers(groupId.trim(), adding.split(/[,\s]+/).filter(Boolean)))}>Add members</Button>
            <Button danger onClick={() => modal.confirm({ title: `Dismiss group ${groupId}?`, okButtonProps: { danger: true }, okText: 'Dismiss',
              onOk: () => act('Group dismissed', async () => { await api.dismissGroup(groupId.trim()); setMembers(null); }) })}>Dismiss group</Button>
          </Space>
          <Table<GroupMember> rowKey="userId" size="small" dataSource={members} pagination={{ pageSize: 50 }} scroll={{ x: 560 }}
            columns={[
              { title: 'User id', dataIndex: 'userId' },
              { title: 'Role', dataIndex: 'role', render: (r: string) => <Tag>{r}</Tag> },
              { title: 'Muted', dataIndex: 'muted', render: (m: boolean) => (m ? <Tag color="orange">muted</Tag> : 'no') },
              { title: 'Actions', key: 'a', render: (_, m) => (
                <Space wrap>
                  <Button size="small" onClick={() => act(m.muted ? 'Unmuted' : 'Muted', () => api.muteGroupMember(groupId.trim(), m.userId, !m.muted))}>{m.muted ? 'Unmute' : 'Mute'}</Button>
                  <Button size="small" onClick={() => act('Admin role changed', () => api.setGroupAdmin(groupId.trim(), m.userId, m.role !== 'ADMIN'))}>{m.role === 'ADMIN' ? 'Remove admin' : 'Make admin'}</Button>
                  <Button size="small" danger onClick={() => act('Member removed', () => api.removeGroupMember(groupId.trim(), m.userId))}>Remove</Button>
                </Space>
              ) },
            ]} />
        </>
      )}
    </Card>
  );
}
