import type { DepartmentNode, Member } from '@im/sdk';
import { App, Button, Card, Form, Input, Modal, Space, Table, Tag, TreeSelect, Typography, Upload } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { api, describe } from '../api';
import { parseCsv, toCsv } from '../csv';
import { membership, pathNames, toOptions } from '../tree';

interface ImportRow {
  line: number;
  account: string;
  name: string;
  password: string;
  departmentIds: string[];
  error: string | null;
  result: string | null;
}

const PAGE_SIZE = 20;

/** The employees of the tenant or of one subtree: paged from the server, create, edit, disable, move, import, export. */
export function Employees({ tree, departmentId, onChanged }: { tree: DepartmentNode | null; departmentId?: string; onChanged: () => void }) {
  const { message, modal } = App.useApp();
  const [page, setPage] = useState(1);
  const [data, setData] = useState<{ total: number; users: Member[] }>({ total: 0, users: [] });
  const [loading, setLoading] = useState(false);
  const [filter, setFilter] = useState('');
  const [editing, setEditing] = useState<Member | 'new' | null>(null);
  const [importRows, setImportRows] = useState<ImportRow[] | null>(null);
  const [importing, setImporting] = useState(false);
  const [form] = Form.useForm();
  const options = useMemo(() => toOptions(tree?.children ?? []), [tree]);
  const paths = useMemo(() => pathNames(tree), [tree]);
  const memberOf = useMemo(() => membership(tree), [tree]);

  const load = useCallback(async (p: number) => {
    setLoading(true);
    try {
      setData(await api.listUsers(departmentId, p, PAGE_SIZE));
      setPage(p);
    } catch (e) {
      message.error(`Cannot load employees: ${describe(e)}`);
    } finally {
      setLoading(false);
    }
  }, [departmentId, message]);

  useEffect(() => {
    void load(1);
  }, [load]);

  const openEditor = (m: Member | 'new') => {
    form.resetFields();
    if (m === 'new') form.setFieldsValue({ departmentIds: departmentId ? [departmentId] : [] });
    else form.setFieldsValue({ name: m.name, departmentIds: memberOf.get(m.id) ?? [] });
    setEditing(m);
  };

  const save = async () => {
    const v = await form.validateFields();
    try {
      if (editing === 'new') {
        await api.createUser({ account: v.account.trim(), password: v.password, name: v.name.trim(), departmentIds: v.departmentIds ?? [] });
        message.success(`Employee ${v.name} created`);
      } else if (editing) {
        await api.updateUser(editing.id, { name: v.name.trim(), departmentIds: v.departmentIds ?? [] });
        message.success(`Employee ${v.name} saved`);
      }
      setEditing(null);
      onChanged();
      await load(page);
    } catch (e) {
      modal.error({ title: 'The server refused', content: describe(e) });
    }
  };

  const setDisabled = (m: Member, disabled: boolean) => modal.confirm({
    title: `${disabled ? 'Disable' : 'Enable'} ${m.name}?`,
    content: disabled ? 'Disabling signs the employee out of every device at once.' : undefined,
    onOk: async () => {
      try {
        await api.updateUser(m.id, { disabled });
        message.success(`${m.name} ${disabled ? 'disabled' : 'enabled'}`);
        await load(page);
      } catch (e) {
        modal.error({ title: 'The server refused', content: describe(e) });
      }
    },
  });

  const byPath = useMemo(() => new Map([...paths].map(([id, p]) => [p.toLowerCase(), id])), [paths]);

  const preview = async (file: File) => {
    const rows = parseCsv(await file.text());
    const header = rows[0]?.map((h) => h.trim().toLowerCase()) ?? [];
    const col = (n: string) => header.indexOf(n);
    if (col('account') < 0 || col('name') < 0 || col('password') < 0) {
      modal.error({ title: 'Not an employee CSV', content: 'The first line must name the columns account, name, password and optionally departments (paths like "Sales / China" or ids, separated by ";").' });
      return false;
    }
    setImportRows(rows.slice(1).map((r, i) => {
      const departments = (r[col('departments')] ?? '').split(';').map((d) => d.trim()).filter(Boolean);
      const ids: string[] = [];
      const unknown: string[] = [];
      for (const d of departments) {
        const id = /^\d+$/.test(d) ? d : byPath.get(d.replace(/\s*\/\s*/g, ' / ').toLowerCase());
        if (id) ids.push(id);
        else unknown.push(d);
      }
      const account = (r[col('account')] ?? '').trim();
      const name = (r[col('name')] ?? '').trim();
      const password = r[col('password')] ?? '';
      const error = !account ? 'account is empty' : !name ? 'name is empty' : !password ? 'password is empty'
        : unknown.length ? `unknown department: ${unknown.join(', ')}` : null;
      return { line: i + 2, account, name, password, departmentIds: ids, error, result: null };
    }));
    return false;
  };

  const runImport = async () => {
    if (!importRows) return;
    setImporting(true);
    const rows = [...importRows];
    for (let i = 0; i < rows.length; i++) {
      if (rows[i].error || rows[i].result === 'created') continue;
      try {
        const r = await api.createUser({ account: rows[i].account, name: rows[i].name, password: rows[i].password, departmentIds: rows[i].departmentIds });
        rows[i] = { ...rows[i], result: 'created', error: null };
        void r;
      } catch (e) {
        rows[i] = { ...rows[i], error: describe(e) };
      }
      setImportRows([...rows]);
    }
    setImporting(false);
    const failed = rows.filter((r) => r.error).length;
    message.info(`${rows.filter((r) => r.result === 'created').length} created, ${failed} refused`);
    onChanged();
    await load(1);
  };

  const exportCsv = async () => {
    const out: (string | boolean)[][] = [['id', 'account', 'name', 'disabled', 'departments']];
    try {
      for (let p = 1; ; p++) {
        const r = await api.listUsers(departmentId, p, 100);
        for (const u of r.users) out.push([u.id, u.account, u.name, u.disabled, (memberOf.get(u.id) ?? []).map((d) => paths.get(d) ?? d).join(';')]);
        if (p * 100 >= r.total || r.users.length === 0) break;
      }
    } catch (e) {
      modal.error({ title: 'Export stopped', content: describe(e) });
      return;
    }
    const url = URL.createObjectURL(new Blob(['\ufeff' + toCsv(out)], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'employees.csv';
    a.click();
    URL.revokeObjectURL(url);
  };

  const shown = filter ? data.users.filter((u) => `${u.name} ${u.account}`.toLowerCase().includes(filter.toLowerCase())) : data.users;

  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>Employees{departmentId && paths.get(departmentId) ? ` of ${paths.get(departmentId)}` : ''} ({data.total})</h2>}
      extra={<Space wrap>
        <Button type="primary" onClick={() => openEditor('new')}>New employee</Button>
        <Upload accept=".csv,text/csv" showUploadList={false} beforeUpload={preview}><Button>Import CSV…</Button></Upload>
        <Button onClick={exportCsv}>Export CSV</Button>
      </Space>}>
      <Input.Search aria-label="Filter this page by name or account" placeholder="Filter this page by name or account" allowClear
        value={filter} onChange={(e) => setFilter(e.target.value)} style={{ marginBottom: 12, maxWidth: 360 }} />
      <Table<Member> rowKey="id" size="small" loading={loading} dataSource={shown} scroll={{ x: 760 }}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: data.total, showSizeChanger: false, onChange: (p) => void load(p) }}
        columns={[
          { title: 'Id', dataIndex: 'id', width: 190, render: (id: string) => <Typography.Text copyable={{ text: id }} className="user-id">{id}</Typography.Text> },
          { title: 'Name', dataIndex: 'name', ellipsis: true },
          { title: 'Account', dataIndex: 'account', ellipsis: true },
          { title: 'Departments', key: 'd', ellipsis: true, render: (_, u) => (memberOf.get(u.id) ?? []).map((d) => paths.get(d) ?? d).join('; ') },
          { title: 'Status', key: 's', width: 90, render: (_, u) => (u.disabled ? <Tag color="red">disabled</Tag> : <Tag color="green">active</Tag>) },
          { title: 'Actions', key: 'a', width: 170, render: (_, u) => (
            <Space>
              <Button size="small" onClick={() => openEditor(u)} aria-label={`Edit ${u.name}`}>Edit</Button>
              <Button size="small" danger={!u.disabled} onClick={() => setDisabled(u, !u.disabled)}>{u.disabled ? 'Enable' : 'Disable'}</Button>
            </Space>
          ) },
        ]} />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        Password resets wait for a server route (none exists yet); an employee changes their own password in the web client once that route is deployed.
      </Typography.Paragraph>
      <Modal open={editing !== null} title={editing === 'new' ? 'New employee' : 'Edit employee'} onCancel={() => setEditing(null)} onOk={save} okText="Save" destroyOnClose>
        <Form form={form} layout="vertical">
          {editing === 'new' && (
            <Form.Item label="Account" name="account" rules={[{ required: true, whitespace: true, message: 'Enter an account' }, { max: 64 }]}>
              <Input autoComplete="off" />
            </Form.Item>
          )}
          <Form.Item label="Name" name="name" rules={[{ required: true, whitespace: true, message: 'Enter a name' }, { max: 64 }]}>
            <Input />
          </Form.Item>
          {editing === 'new' && (
            <Form.Item label="Initial password" name="password" rules={[{ required: true, message: 'Enter a password' }, { max: 72 }]}>
              <Input.Password autoComplete="new-password" />
            </Form.Item>
          )}
          <Form.Item label="Departments (move by changing them)" name="departmentIds">
            <TreeSelect multiple treeData={options} treeDefaultExpandAll allowClear placeholder="No department" />
          </Form.Item>
        </Form>
      </Modal>
      <Modal open={importRows !== null} width={860} title="Import employees: preview" onCancel={() => setImportRows(null)}
        okText="Create the valid rows" onOk={runImport} confirmLoading={importing}>
        <Table<ImportRow> rowKey="line" size="small" dataSource={importRows ?? []} pagination={{ pageSize: 10 }} scroll={{ x: 700 }}
          columns={[
            { title: 'Line', dataIndex: 'line', width: 60 },
            { title: 'Account', dataIndex: 'account' },
            { title: 'Name', dataIndex: 'name' },
            { title: 'Departments', key: 'd', render: (_, r) => r.departmentIds.map((d) => paths.get(d) ?? d).join('; ') },
            { title: 'Result', key: 'r', render: (_, r) => (r.error ? <Tag color="red" style={{ whiteSpace: 'normal' }}>{r.error}</Tag> : r.result ? <Tag color="green">{r.result}</Tag> : <Tag>ready</Tag>) },
          ]} />
      </Modal>
    </Card>
  );
}
