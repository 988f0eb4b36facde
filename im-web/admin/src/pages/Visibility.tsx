import type { DepartmentNode } from '@im/sdk';
import { Alert, App, Button, Card, Form, TreeSelect, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api, describe } from '../api';
import { toOptions } from '../tree';

/** `PUT /admin/visibility/{departmentId}`: from which departments this one's members are visible and reachable. */
export function Visibility() {
  const { message, modal } = App.useApp();
  const [tree, setTree] = useState<DepartmentNode | null>(null);
  const [form] = Form.useForm();
  useEffect(() => {
    api.departmentTree().then(setTree, (e) => message.error(`Cannot load departments: ${describe(e)}`));
  }, [message]);
  const options = toOptions(tree?.children ?? []);
  const save = async (v: { departmentId: string; visibleTo?: string[] }) => {
    try {
      await api.setVisibility(v.departmentId, v.visibleTo ?? []);
      message.success('Visibility rule saved');
    } catch (e) {
      modal.error({ title: 'The server refused the rule', content: describe(e) });
    }
  };
  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>Visibility rules</h2>} style={{ maxWidth: 720 }}>
      <Typography.Paragraph>
        Members of a restricted department are visible and reachable only from the departments listed (and their subtrees).
        A department without a rule is visible to the whole tenant.
      </Typography.Paragraph>
      <Alert type="info" showIcon style={{ marginBottom: 16 }} message="The server has no route that reads a rule back yet, so the form starts empty; saving replaces the department's rule." />
      <Form form={form} layout="vertical" onFinish={save}>
        <Form.Item label="Restricted department" name="departmentId" rules={[{ required: true, message: 'Choose a department' }]}>
          <TreeSelect treeData={options} treeDefaultExpandAll showSearch treeNodeFilterProp="title" />
        </Form.Item>
        <Form.Item label="Visible from" name="visibleTo">
          <TreeSelect multiple treeData={options} treeDefaultExpandAll showSearch treeNodeFilterProp="title" />
        </Form.Item>
        <Button type="primary" htmlType="submit">Save rule</Button>
      </Form>
    </Card>
  );
}
