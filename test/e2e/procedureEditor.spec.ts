/**
 * The procedure editor: a new national procedure is written with live checks and a live chart,
 * saved with a note as version 1. (Editing, versions, comparison and exports run from the
 * procedure's toolbar, `ProcedureActions`, once it is in the detail view.)
 */
import { completeSetup, expect, navLink, screenshotPath, test } from './fixtures';

test('a new national procedure is written in the editor with live checks and saved as version 1', async ({ page }) => {
  await completeSetup(page, { startIn: 'real' });
  await navLink(page, 'Procedures').click();
  await page.getByRole('button', { name: 'New procedure' }).click();
  const editor = page.getByRole('dialog', { name: 'New national procedure' });
  await expect(editor.getByTestId('procedure-issues')).toContainText('the procedure needs a title in at least one language');
  await expect(editor.getByRole('button', { name: 'Save…' })).toBeDisabled();

  await editor.getByTestId('pe-title-en').fill('National escalation "Delta"');
  await editor.getByTestId('pe-title-nl').fill('Nationale opschaling "Delta"');
  await expect(editor.getByText('No problems found.')).toBeVisible();

  // A decision without outcomes is an error, named with its path.
  await editor.getByRole('button', { name: 'Add step' }).click();
  await editor.getByTestId('pe-step-2').getByLabel('Kind').selectOption('decision');
  await expect(editor.getByTestId('procedure-issues')).toContainText("steps[2].outcomes: the decision 'step-3' needs at least two outcomes");
  await editor.getByTestId('pe-step-2').getByLabel('Kind').selectOption('task');
  await editor.getByTestId('pe-step-2-title-en').fill('Assess the impact');
  await expect(editor.getByTestId('procedure-issues')).toContainText("step 'step-3' cannot be reached from a start step");
  await expect(editor.getByTestId('procedure-preview').locator('svg')).toBeVisible();
  await page.screenshot({ path: screenshotPath('procedure-editor-en'), fullPage: true });

  await editor.getByRole('button', { name: 'Save…' }).click();
  await editor.getByTestId('pe-note').fill('First draft');
  await editor.getByRole('button', { name: 'Save version' }).click();
  await expect(editor).toBeHidden();
  await expect(page.getByRole('link', { name: /National escalation "Delta"/ })).toBeVisible();
});
