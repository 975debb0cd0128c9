// Node test-runner reporter that ends the run with one plain line, "N passed, N failed, N skipped",
// so CI and people read the same summary whatever reporter prints above it.
export default async function* summaryReporter(source) {
  let passed = 0, failed = 0, skipped = 0;
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    // Suites report too; count only leaf tests so numbers match "tests N".
    if (event.data.details?.type === 'suite') continue;
    // A failing `todo` is a known gap, not a regression: node itself does not fail the run for it.
    if (event.data.skip || event.data.todo) skipped++;
    else if (event.type === 'test:fail') failed++;
    else passed++;
  }
  yield `\n${passed} passed, ${failed} failed, ${skipped} skipped\n`;
}
