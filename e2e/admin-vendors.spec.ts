import { expect, test } from '@playwright/test';
import { newAgentPage } from './helpers';
import { unique } from './widget-helpers';

// The admin console's vendors (issue 7): an admin creates a vendor and imports its catalogue from a CSV file in
// which one row is bad; the progress bar runs to the end, the summary counts the rows and names the bad one by
// its row and field, and the good rows are in the catalogue.
test('an admin creates a vendor and imports a catalogue CSV with one bad row', async ({ browser }) => {
  const admin = await newAgentPage(browser, 'admin@dokanbazar.test');
  await admin.page.goto('/admin#vendors');
  const name = unique('Tant Ghor');
  await admin.page.getByLabel('Vendor name').first().fill(name);
  await admin.page.getByRole('button', { name: 'Create vendor' }).click();
  const vendor = admin.page.locator(`[data-testid="vendor"][data-name="${name}"]`);
  await expect(vendor).toContainText('0 staff · 0 products');
  await vendor.getByRole('button', { name: 'Catalogue' }).click();

  const sku = unique('TG').toUpperCase();
  const csv = [
    'SKU,Title,Title BN,Price,Category,Image URL',
    `${sku}-1,Cotton tant saree,সুতি তাঁতের শাড়ি,"৳1,450",Saree,https://cdn.example.com/tant.jpg`,
    `${sku}-2,Gamcha (pack of 2),গামছা,৩৫০,Home,`,
    `${sku}-3,Silk panjabi,,two thousand,Menswear,`,
    `${sku}-4,Nakshi kantha,নকশি কাঁথা,4200,Home,`,
  ].join('\n');
  await vendor.getByTestId('csv-file').setInputFiles({ name: 'catalogue.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });

  const status = vendor.getByTestId('import-status');
  await expect(status).toHaveAttribute('data-finished', 'true');
  await expect(status.locator('progress')).toHaveAttribute('value', '4');
  await expect(status).toContainText('Done: 3 new, 0 updated, 1 row(s) with problems.');
  await expect(vendor.getByTestId('import-problems')).toHaveText('Row 4, price: not a price in taka (e.g. 1850 or ৳1,850)');
  await expect(vendor.getByTestId('products').locator('li')).toHaveCount(3);
  await expect(vendor.locator(`[data-sku="${sku}-1"]`)).toContainText('৳1,450');
  await expect(vendor.locator(`[data-sku="${sku}-2"]`)).toContainText('৳350');
  await expect(vendor).toContainText('0 staff · 3 products');
  await admin.page.screenshot({ path: test.info().outputPath('admin-vendors.png'), fullPage: true });
  await admin.context.close();
});
