import { ApiError } from '@im/sdk';
import { Alert, App, Form, Input, List, Modal, Typography } from 'antd';
import { useState } from 'react';
import { describe } from '../describe';
import { convKey, EMPLOYEE_ROUTES, type ChatStore } from '../store';

interface Person {
  id: string;
  name: string;
  account?: string;
}

/** Colleague search through issue 17's directory; says so when the server does not have it yet. */
function DirectoryPicker({ store, onPick }: { store: ChatStore; onPick: (p: Person) => void }) {
  const [found, setFound] = useState<Person[] | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const search = async (q: string) => {
    if (!q.trim()) return;
    try {
      const r = await store.api.call<{ users?: Person[]; total?: number }>('GET', EMPLOYEE_ROUTES.directorySearch, undefined, { q: q.trim(), page: 1, size: 20 });
      const users = (r.users ?? []).map((u) => ({ ...u, id: String(u.id ?? (u as { userId?: string }).userId) }));
      for (const u of users) store.names.set(u.id, u.name);
      setFound(users);
      setNote(null);
    } catch (e) {
      setFound(null);
      setNote(e instanceof ApiError && e.status === 404 ? 'The company directory is not available on this server yet; enter the colleague\'s user id instead.' : describe(e));
    }
  };
  return (
    <>
      <Input.Search aria-label="Find a colleague by name or account" placeholder="Find a colleague by name or account" onSearch={search} />
      {note && <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>{note}</Typography.Paragraph>}
      {found && (
        <List size="small" dataSource={found} locale={{ emptyText: 'Nobody found' }} style={{ maxHeight: 240, overflowY: 'auto' }}
          renderItem={(p) => <List.Item style={{ cursor: 'pointer' }} tabIndex={0} onClick={() => onPick(p)} onKeyDown={(e) => e.key === 'Enter' && onPick(p)}>{p.name} <Typography.Text type="secondary">{p.account}</Typography.Text></List.Item>} />
      )}
    </>
  );
}

export function NewChat({ open, store, onClose }: { open: boolean; store: ChatStore; onClose: () => void }) {
  const [form] = Form.useForm<{ userId: string }>();
  const start = (id: string) => {
    store.open(convKey('SINGLE', id));
    form.resetFields();
    onClose();
  };
  return (
    <Modal open={open} title="New chat" okText="Open chat" onCancel={onClose} destroyOnClose
      onOk={async () => start((await form.validateFields()).userId.trim())}>
      <DirectoryPicker store={store} onPick={(p) => start(p.id)} />
      <Form form={form} layout="vertical" style={{ marginTop: 12 }}>
        <Form.Item label="Colleague's user id" name="userId" rules={[{ required: true, pattern: /^\s*\d{1,19}\s*$/, message: 'A user id is digits' }]}>
          <Input inputMode="numeric" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function NewGroup({ open, store, onClose }: { open: boolean; store: ChatStore; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ name: string; memberIds: string }>();
  const [error, setError] = useState<string | null>(null);
  const create = async () => {
    const v = await form.validateFields();
    setError(null);
    try {
      const r = await store.api.createGroup(v.name.trim(), v.memberIds.split(/[,\s]+/).filter(Boolean));
      message.success(`Group ${v.name} created`);
      store.open(convKey('GROUP', r.groupId));
      form.resetFields();
      onClose();
    } catch (e) {
      setError(describe(e));
    }
  };
  return (
    <Modal open={open} title="New group" okText="Create" onCancel={onClose} onOk={create} destroyOnClose>
      <Form form={form} layout="vertical">
        <Form.Item label="Group name" name="name" rules={[{ required: true, whitespace: true, message: 'Name the group' }, { max: 64 }]}>
          <Input />
        </Form.Item>
        <DirectoryPicker store={store} onPick={(p) => form.setFieldValue('memberIds', `${form.getFieldValue('memberIds') ?? ''} ${p.id}`.trim())} />
        <Form.Item label="Member user ids (comma or space separated)" name="memberIds" style={{ marginTop: 12 }}
          rules={[{ required: true, pattern: /^[\d,\s]+$/, message: 'User ids are digits' }]}>
          <Input.TextArea autoSize />
        </Form.Item>
      </Form>
      {error && <Alert role="alert" type="error" showIcon message={error} />}
    </Modal>
  );
}
