/**
 * Data: well-known first-party app ids the target-resources condition needs.
 *
 * `Office365` and `MicrosoftAdminPortals` are app *groups* in includeApplications /
 * excludeApplications. Microsoft documents the group members by display name only
 * (entra `docs/identity/conditional-access/reference-office-365-application-contents.md`,
 * `concept-conditional-access-cloud-apps.md` "Microsoft Admin Portals") and keeps adding members,
 * so these sets are a best-effort SUBSET of the main services, with app ids as published in
 * Microsoft's first-party app id lists. A resource that is not listed is treated as outside the
 * group; the trace says so ("not in the Office365 list this evaluator knows").
 */

export const WINDOWS_AZURE_ACTIVE_DIRECTORY = '00000002-0000-0000-c000-000000000000';
export const MICROSOFT_GRAPH = '00000003-0000-0000-c000-000000000000';

/** Members of the `Office365` app group (display name → appId), subset. */
export const OFFICE_365_APPS: Readonly<Record<string, string>> = {
  'Office 365 Exchange Online': '00000002-0000-0ff1-ce00-000000000000',
  'Office 365 SharePoint Online': '00000003-0000-0ff1-ce00-000000000000',
  'Skype for Business Online': '00000004-0000-0ff1-ce00-000000000000',
  'Viva Engage (Office 365 Yammer)': '00000005-0000-0ff1-ce00-000000000000',
  'Microsoft Teams Services': 'cc15fd57-2c6c-4117-a88c-83b1d56b4bbe',
  'Microsoft Teams': '1fec8e78-bce4-4aaf-ab1b-5451cc387264',
  'Microsoft Teams Web Client': '5e3ce6c0-2b1f-4285-8d4b-75ee78787346',
  'Microsoft Forms': 'c9a559d2-7aab-4f13-a6ed-e7e9c52aec87',
  'Microsoft Planner': '09abbdfd-ed23-44ee-a2d9-a627aa1c90f3',
  'Office Delve': '94c63fef-13a3-47bc-8074-75af8c65887a',
  Sway: '905fcf26-4eb7-48a0-9ff0-8dcc7194b5ba',
  'OneDrive SyncEngine': 'ab9b8c07-8f02-4f72-87fa-80105867a763',
  OneNote: '2d4d3d8e-2be3-4bef-9f87-7875a61c29de',
  OfficeHome: '4765445b-32c6-49b0-83e6-1d93765276ca',
  'Microsoft Office': 'd3590ed6-52b3-4102-aeff-aad2292ab01c',
  'One Outlook Web': '9199bf20-a13f-4107-85dc-02114787ef48',
  'PowerApps Service': '475226c6-020e-4fb2-8a90-7a972cbfc1d4',
  'Microsoft Stream Portal': 'cf53fce8-def6-4aeb-8d30-b158e7b1cf83',
};

/**
 * Members of the `MicrosoftAdminPortals` app group, subset. The doc lists the portals; the Azure
 * portal app id also covers the Microsoft Entra admin center.
 */
export const MICROSOFT_ADMIN_PORTALS_APPS: Readonly<Record<string, string>> = {
  'Azure portal / Microsoft Entra admin center': 'c44b4083-3bb0-49c1-b47d-974e53cbdf3c',
  'Microsoft 365 admin center (Microsoft Office 365 Portal)': '00000006-0000-0ff1-ce00-000000000000',
  'Exchange admin center': '497effe9-df71-4043-a8bb-14cf78c4b63b',
  'Microsoft Intune admin center': '5926fc8e-304e-4f59-8bed-58ca97cc39a4',
  'Microsoft 365 Defender portal': '80ccca67-54bd-44ab-8625-4b79c4dc7775',
  'Microsoft Teams admin center (Skype and Teams Tenant Admin API)': '48ac35b8-9aa8-4d74-927d-1f4a14a0b239',
};

export const OFFICE_365_APP_IDS: ReadonlySet<string> = new Set(Object.values(OFFICE_365_APPS));
export const MICROSOFT_ADMIN_PORTALS_APP_IDS: ReadonlySet<string> = new Set(Object.values(MICROSOFT_ADMIN_PORTALS_APPS));
