// Browser entry of the widget page. Bundled by app/widget/widget-bundle.ts (esbuild) into /widget/widget.js,
// deliberately outside Next's client runtime: the App Router's framework chunks alone are ~135 KB gzip, more
// than the widget's whole 120 KB budget. React + socket.io-client + the widget come to ~100 KB.
import { createRoot } from 'react-dom/client';
import { WidgetApp } from './widget-app';

const el = document.getElementById('alap-root');
if (el) createRoot(el).render(<WidgetApp widgetKey={el.dataset.key ?? ''} />);
