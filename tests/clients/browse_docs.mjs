// Opens /docs and /redoc of a running ungeapi in Chromium, with every host but the server's
// unreachable, and reports what a person would see (tests/clients/test_docs_in_a_browser.py).
//
//   node browse_docs.mjs http://127.0.0.1:PORT SCREENSHOT_DIR
//
// Prints one JSON object: the Authorize button and its bearer scheme, the operations Swagger UI
// shows, whether ReDoc rendered, every request to another host (blocked) and the pages' errors.
import { chromium } from "playwright-core";

const [base, shots] = process.argv.slice(2);
const origin = new URL(base).origin;
const report = { blocked: [], errors: [] };

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  // No name resolves but the server's: a page that needs the internet cannot get it.
  args: ["--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1", "--no-sandbox"],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) || url.startsWith("data:") || url.startsWith("blob:")) return route.continue();
    report.blocked.push(url);
    return route.abort();
  });
  page.on("pageerror", (error) => report.errors.push(String(error)));
  page.on("console", (message) => {
    if (message.type() === "error") report.errors.push(message.text());
  });

  await page.goto(`${base}/docs`);
  const authorize = page.locator(".swagger-ui .auth-wrapper button.authorize");
  await authorize.waitFor({ timeout: 20000 });
  await page.locator(".opblock").first().waitFor({ timeout: 20000 });
  report.title = await page.locator(".swagger-ui .info .title").innerText();
  report.operations = await page.locator(".opblock").count();
  report.authorize = await authorize.isVisible();
  await page.screenshot({ path: `${shots}/docs.png` });
  await authorize.click();
  const dialog = page.locator(".swagger-ui .dialog-ux .modal-ux");
  await dialog.waitFor({ timeout: 10000 });
  report.authorizeDialog = await dialog.innerText();
  await page.screenshot({ path: `${shots}/docs-authorize.png` });

  await page.goto(`${base}/redoc`);
  await page.locator(".api-content").waitFor({ timeout: 30000 });
  report.redocOperations = await page.locator("[data-section-id^='operation/']").count();
  await page.screenshot({ path: `${shots}/redoc.png` });
} finally {
  await browser.close();
}
console.log(JSON.stringify(report));
