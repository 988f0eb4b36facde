import { App as AntApp, ConfigProvider } from 'antd';
import { createRoot } from 'react-dom/client';
import { Console } from './Console';

// colorPrimary darker than antd's default blue: white text on it passes WCAG AA (4.5:1).
createRoot(document.getElementById('root')!).render(
  <ConfigProvider theme={{ token: { colorPrimary: '#1456c4', fontFamily: 'system-ui, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif' } }}>
    <AntApp>
      <Console />
    </AntApp>
  </ConfigProvider>,
);
