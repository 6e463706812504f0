import { expect, test } from '@playwright/test';
import sharp from 'sharp';
import { EICAR } from '../test/clamav/start-clamd';
import { newAgentPage } from './helpers';
import { fillPrechat, openConversationInDesk, openShopWidget, sendFromWidget, unique, widgetMessage } from './widget-helpers';

// Safe file sharing (issue 6): a customer sends a photo from the widget and the agent sees it; the EICAR test
// virus is refused with a clear message; the agent sends a PDF that the customer can download. The server scans
// with ClamAV's daemon, which the journeys' global setup starts (CI always has it).
test.skip(!process.env.ALAP_E2E_CLAMAV, 'clamd is not installed here (apt-get install clamav-daemon); CI always runs this');

test('files in both directions, scanned; a virus is refused with a clear message', async ({ browser, baseURL }) => {
  const name = unique('Files');
  const shop = await openShopWidget(browser, baseURL!, { locale: 'en-US' });
  await fillPrechat(shop.widget, name);
  const hello = unique('amar parcel er chobi pathalam');
  await sendFromWidget(shop.widget, hello);
  await expect(widgetMessage(shop.widget, hello)).toHaveAttribute('data-state', /sent|delivered|read/);
  const agent = await newAgentPage(browser);
  await openConversationInDesk(agent.page, hello);

  // A photo with camera metadata: it arrives as a picture.
  const photo = await sharp({ create: { width: 320, height: 240, channels: 3, background: '#c2410c' } })
    .jpeg()
    .withMetadata({ exif: { IFD0: { Artist: 'home-gps' } } })
    .toBuffer();
  await shop.widget.getByTestId('widget-file').setInputFiles({ name: 'damaged-parcel.jpg', mimeType: 'image/jpeg', buffer: photo });
  const sentPhoto = shop.widget.getByTestId('widget-message').filter({ has: shop.widget.getByTestId('message-attachment') });
  await expect(sentPhoto).toHaveCount(1, { timeout: 20_000 });
  await expect(sentPhoto.locator('img')).toHaveAttribute('alt', 'damaged-parcel.jpg');

  // The EICAR test file, dressed as a PDF: refused, and the customer is told why.
  const infected = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from(EICAR)]);
  await shop.widget.getByTestId('widget-file').setInputFiles({ name: 'invoice.pdf', mimeType: 'application/pdf', buffer: infected });
  await expect(shop.widget.getByTestId('widget-upload-error')).toContainText('This file contains a virus, so it was not sent.');
  await shop.page.screenshot({ path: test.info().outputPath('widget-files.png') });
  await expect(shop.widget.getByTestId('message-attachment')).toHaveCount(1);

  // The agent sees the photo arrive, and sends a PDF back.
  const img = agent.page.getByTestId('message-attachment').locator('img');
  await expect(img).toBeVisible();
  await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBe(320);
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
  await agent.page.getByTestId('desk-file').setInputFiles({ name: 'return-form.pdf', mimeType: 'application/pdf', buffer: pdf });
  const file = shop.widget.getByTestId('message-attachment').filter({ hasText: 'return-form.pdf' });
  await expect(file).toBeVisible({ timeout: 20_000 });
  const href = await file.getAttribute('href');
  const res = await shop.page.request.get(href!);
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toBe('application/pdf');
  expect(res.headers()['content-disposition']).toMatch(/^attachment/);
  expect(res.headers()['x-content-type-options']).toBe('nosniff');
  await agent.page.screenshot({ path: test.info().outputPath('desk-files.png') });
  await Promise.all([agent.context.close(), shop.context.close()]);
});
