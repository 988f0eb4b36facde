import type { DepartmentNode } from '@im/sdk';
import { App, Button, Card, Col, Dropdown, Empty, Form, Input, Modal, Row, Space, Spin, Tree, TreeSelect } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api, describe } from '../api';
import { findNode, toOptions } from '../tree';
import { Employees } from './Employees';

type Dialog = { kind: 'create'; parentId: string } | { kind: 'rename'; id: string; name: string } | { kind: 'move'; id: string } | null;

/** Department tree (create, rename, move by drag or menu, delete) beside the employees of the selected subtree. */
export function Departments() {
  const { message, modal } = App.useApp();
  const [tree, setTree] = useState<DepartmentNode | null>(null);
  const [loading, setLoading] = useState(true);
  const [selected, setSelected] = useState<string | undefined>(undefined);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [form] = Form.useForm();

  const reload = useCallback(async () => {
    setLoading(true);
    try {
      setTree(await api.departmentTree());
    } catch (e) {
      message.error(`Cannot load the department tree: ${describe(e)}`);
    } finally {
      setLoading(false);
    }
  }, [message]);

  useEffect(() => {
    void reload();
  }, [reload]);

  const run = async (what: string, action: () => Promise<unknown>) => {
    try {
      await action();
      message.success(what);
      setDialog(null);
      await reload();
    } catch (e) {
      modal.error({ title: `${what} was refused`, content: describe(e) });
    }
  };

  const submitDialog = async () => {
    const v = await form.validateFields();
    if (!dialog) return;
    if (dialog.kind === 'create') await run(`Department "${v.name}" created`, () => api.createDepartment(dialog.parentId, v.name.trim()));
    if (dialog.kind === 'rename') await run('Department renamed', () => api.changeDepartment(dialog.id, { name: v.name.trim() }));
    if (dialog.kind === 'move') await run('Department moved', () => api.changeDepartment(dialog.id, { parentId: v.parentId ?? '0' }));
  };

  const open = (d: Dialog) => {
    form.resetFields();
    if (d?.kind === 'rename') form.setFieldsValue({ name: d.name });
    setDialog(d);
  };

  const remove = (id: string, name: string) => modal.confirm({
    title: `Delete department "${name}"?`,
    content: 'The server refuses while it has sub-departments or members.',
    okText: 'Delete', okButtonProps: { danger: true },
    onOk: () => run(`Department "${name}" deleted`, () => api.deleteDepartment(id)),
  });

  const options = toOptions(tree?.children ?? []);
  const selectedNode = selected ? findNode(tree, selected) : null;

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={9}>
        <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>Departments</h2>}
          extra={<Button type="primary" onClick={() => open({ kind: 'create', parentId: '0' })}>New top-level department</Button>}>
          {loading && !tree ? <Spin /> : options.length === 0 ? <Empty description="No departments yet" /> : (
            <Tree aria-label="Department tree" treeData={options} defaultExpandAll blockNode draggable
              selectedKeys={selected ? [selected] : []}
              onSelect={(keys) => setSelected(keys[0] as string | undefined)}
              onDrop={(info) => {
                const dragged = String(info.dragNode.key);
                const parent = info.dropToGap ? (findParent(tree, String(info.node.key)) ?? '0') : String(info.node.key);
                void run('Department moved', () => api.changeDepartment(dragged, { parentId: parent }));
              }}
              titleRender={(n) => (
                <Dropdown trigger={['contextMenu']} menu={{ items: [
                  { key: 'add', label: 'Add sub-department', onClick: () => open({ kind: 'create', parentId: String(n.key) }) },
                  { key: 'rename', label: 'Rename', onClick: () => open({ kind: 'rename', id: String(n.key), name: String(n.title) }) },
                  { key: 'move', label: 'Move to…', onClick: () => open({ kind: 'move', id: String(n.key) }) },
                  { key: 'delete', label: 'Delete', danger: true, onClick: () => remove(String(n.key), String(n.title)) },
                ] }}>
                  <span style={{ wordBreak: 'break-word' }}>{String(n.title)}</span>
                </Dropdown>
              )} />
          )}
          {selectedNode && (
            <Space wrap style={{ marginTop: 12 }} aria-label={`Actions for ${selectedNode.name}`}>
              <Button onClick={() => open({ kind: 'create', parentId: selectedNode.id })}>Add sub-department</Button>
              <Button onClick={() => open({ kind: 'rename', id: selectedNode.id, name: selectedNode.name })}>Rename</Button>
              <Button onClick={() => open({ kind: 'move', id: selectedNode.id })}>Move</Button>
              <Button danger onClick={() => remove(selectedNode.id, selectedNode.name)}>Delete</Button>
            </Space>
          )}
        </Card>
      </Col>
      <Col xs={24} lg={15}>
        <Employees tree={tree} departmentId={selected} onChanged={reload} />
      </Col>
      <Modal open={dialog !== null} onCancel={() => setDialog(null)} onOk={submitDialog} destroyOnClose
        title={dialog?.kind === 'create' ? 'New department' : dialog?.kind === 'rename' ? 'Rename department' : 'Move department'}>
        <Form form={form} layout="vertical">
          {dialog?.kind !== 'move' ? (
            <Form.Item label="Department name" name="name" rules={[{ required: true, whitespace: true, message: 'Enter a name' }, { max: 64 }]}>
              <Input autoFocus />
            </Form.Item>
          ) : (
            <Form.Item label="New parent (empty: top level)" name="parentId">
              <TreeSelect allowClear treeData={options} treeDefaultExpandAll placeholder="Top level" />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </Row>
  );
}

function findParent(n: DepartmentNode | null, id: string): string | null {
  if (!n) return null;
  for (const c of n.children ?? []) {
    if (c.id === id) return n.id;
    const f = findParent(c, id);
    if (f) return f;
  }
  return null;
}
