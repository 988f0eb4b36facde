import { Alert, Card, Typography } from 'antd';

/**
 * The services publish their figures on their admin ports (`GET /metrics`, Prometheus), which are
 * not on the console's origin and carry no tenant scope. Until the HTTP API serves a tenant's
 * figures the dashboard says so instead of showing numbers it does not have.
 */
export function Dashboard() {
  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>Dashboard</h2>}>
      <Alert type="warning" showIcon message="No figures yet"
        description="Online users and messages per second are published by each service on its admin port (/metrics). The HTTP API has no route that serves them to the console yet, so nothing is shown rather than invented numbers." />
      <Typography.Paragraph style={{ marginTop: 16 }}>
        Operators read them with <Typography.Text code>deploy/imctl status</Typography.Text> or from Prometheus.
      </Typography.Paragraph>
    </Card>
  );
}
