import { describe, expect, it } from 'vitest';
import { widgetPageCsp } from './widget-page.http';
import { originAllowed } from './widget.service';

describe('who may embed a widget', () => {
  it('frame-ancestors: any page when the widget names no origins; else this server and those origins only', () => {
    expect(widgetPageCsp([])).toContain('frame-ancestors *');
    const csp = widgetPageCsp(['https://shop.example', 'https://www.shop.example/path', 'javascript:alert(1)', 'not a url']);
    expect(csp).toContain("frame-ancestors 'self' https://shop.example https://www.shop.example;");
    // An unknown widget: its page says so, framed by nobody else.
    expect(widgetPageCsp(null)).toContain("frame-ancestors 'self'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("object-src 'none'");
  });

  it('origins compare as scheme, host and port, ignoring case and paths', () => {
    expect(originAllowed([], 'https://anything.example')).toBe(true);
    expect(originAllowed(['https://shop.example'], 'https://SHOP.example')).toBe(true);
    expect(originAllowed(['https://shop.example/'], 'https://shop.example')).toBe(true);
    expect(originAllowed(['https://shop.example'], 'http://shop.example')).toBe(false);
    expect(originAllowed(['https://shop.example'], 'https://shop.example:8443')).toBe(false);
    expect(originAllowed(['https://shop.example'], 'https://evil.example')).toBe(false);
  });
});
