// Azure resources for Nära vård i Teams. Deployed by Teams Toolkit (`teamsapp provision`, see teamsapp.yml).
// Bicep cannot be compiled on the development machines of this project; tests/repo/teamsapp.test.ts checks that
// every parameter is supplied and every output teamsapp.yml reads exists; tests/repo/infra.test.ts checks the
// least-privilege properties below.

@maxLength(20)
@minLength(4)
@description('Prefix for every resource name, e.g. naravard-dev.')
param resourceBaseName string

@description('Azure region. Sweden Central keeps the data in Sweden.')
param location string = resourceGroup().location

@description('Entra ID app (client) id of the bot, created by botAadApp/create.')
param botEntraAppClientId string

@secure()
@description('Client secret of the bot app; kept in Key Vault, the bot uses it to call the Bot Connector and the API.')
param botEntraAppClientSecret string

@description('Entra ID app (client) id used for Teams SSO in the tabs and as the API audience.')
param aadAppClientId string

@description('Tenant id of the Entra ID apps.')
param aadAppTenantId string

@description('Bot display name in Teams.')
param botDisplayName string

@description('Teams app id, for deep links from cards into the tabs.')
param teamsAppId string

@description('Program (tenant) id that leads every PartitionKey.')
param programId string = 'gnv'

@description('E-mail of the first programledare; the API creates that member once, and they add the others.')
param bootstrapProgramledare string = ''

@allowed(['F0', 'S1'])
param botServiceSku string = 'F0'

@description('The shared mailbox the API reads with Microsoft Graph (README: connecting the real mailbox).')
param mailboxAddress string = 'naravard@rvn.se'

@secure()
@description('Graph change notifications for the shared mailbox: the clientState Graph echoes with each one (16–128 characters), kept in Key Vault. Empty: the timer alone reads the mailbox, every minute.')
param mailboxNotificationSecret string = ''

// Two storage accounts, so that each can be locked down as far as its users allow:
// - `data` holds the API's tables and the notification queue (and the Functions host's own blobs). Shared-key access
//   is off: only Entra ID identities with a data-plane role get in, and each role is scoped to what its holder uses.
// - `web` serves the tabs' static site. Teams Toolkit's azureStorage/deploy uploads it with an account SAS, which
//   needs shared keys; this account holds nothing but the public site, and no app setting carries its key.
var dataStorageName = toLower(replace('${resourceBaseName}data', '-', ''))
var webStorageName = toLower(replace('${resourceBaseName}web', '-', ''))

// Must equal TABLE_NAMES in api/src/store/table.ts (tests/repo checks it): the API's identity may use these
// tables only, and it does not create tables in Azure.
var tableNames = [
  'Members'
  'Reference'
  'Projects'
  'ProjectHistory'
  'ProjectTerms'
  'Decisions'
  'Idempotency'
  'Outbox'
  'Conversations'
  'Deliveries'
  'Meta'
  'Escalations'
  'SentCards'
  'Risks'
  'SurveyRounds'
  'SurveyResponses'
  'SurveyInbox'
  'Inquiries'
  'InquiryIndex'
]
// NOTIFICATIONS_QUEUE in api/src/contracts (the API's default queue name).
var notificationsQueueName = 'notifications'

// Built-in role definitions (data plane only; none of them can read keys or change the account).
var roles = {
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  storageQueueDataMessageSender: 'c6a89b2d-59bc-44d0-9896-0f6e12d7b80a'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
}

resource data 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: dataStorageName
  location: location
  kind: 'StorageV2'
  sku: { name: 'Standard_ZRS' }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
  }
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: data
  name: 'default'
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = [
  for name in tableNames: {
    parent: tableService
    name: name
  }
]

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' = {
  parent: data
  name: 'default'
}

resource notificationsQueue 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = {
  parent: queueService
  name: notificationsQueueName
}

resource web 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: webStorageName
  location: location
  kind: 'StorageV2'
  sku: { name: 'Standard_ZRS' }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
  }
}

// The static website's origin as the account reports it (the zone, e.g. z1, differs between accounts), without
// the trailing slash.
var tabsEndpoint = web.properties.primaryEndpoints.web
var tabsOrigin = substring(tabsEndpoint, 0, length(tabsEndpoint) - 1)
var tabsHost = replace(replace(tabsEndpoint, 'https://', ''), '/', '')

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: '${resourceBaseName}-kv'
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
  }
}

resource botSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'bot-password'
  properties: { value: botEntraAppClientSecret }
}

var mailboxNotifications = !empty(mailboxNotificationSecret)
var mailboxSecretName = 'mailbox-notification-secret'
// Graph calls the API's own route (mailboxNotifications in api/src/contracts/routes.ts) at the site's default host
// name, known before the site exists (the site cannot read its own host name in its own settings).
var mailboxNotificationUrl = 'https://${resourceBaseName}-api.azurewebsites.net/api/mailbox/notifications'

resource mailboxSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (mailboxNotifications) {
  parent: vault
  name: mailboxSecretName
  properties: { value: mailboxNotificationSecret }
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${resourceBaseName}-plan'
  location: location
  kind: 'linux'
  sku: { name: 'B1' }
  properties: { reserved: true }
}

resource api 'Microsoft.Web/sites@2023-12-01' = {
  name: '${resourceBaseName}-api'
  location: location
  kind: 'functionapp,linux'
  identity: { type: 'SystemAssigned' }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      linuxFxVersion: 'NODE|20'
      alwaysOn: true
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      cors: { allowedOrigins: [tabsOrigin] }
      appSettings: concat([
        { name: 'FUNCTIONS_EXTENSION_VERSION', value: '~4' }
        { name: 'FUNCTIONS_WORKER_RUNTIME', value: 'node' }
        // The Functions host's own storage (keys, timer leases: blobs only for HTTP and timer triggers), reached with
        // the app's managed identity instead of a connection string.
        { name: 'AzureWebJobsStorage__blobServiceUri', value: data.properties.primaryEndpoints.blob }
        { name: 'STORAGE_TABLE_ENDPOINT', value: data.properties.primaryEndpoints.table }
        { name: 'STORAGE_QUEUE_ENDPOINT', value: data.properties.primaryEndpoints.queue }
        { name: 'NOTIFICATIONS_QUEUE', value: notificationsQueueName }
        { name: 'NARAVARD_MODE', value: 'production' }
        { name: 'PROGRAM_ID', value: programId }
        { name: 'ENTRA_TENANT_ID', value: aadAppTenantId }
        { name: 'API_AUDIENCE', value: aadAppClientId }
        { name: 'BOT_CLIENT_ID', value: botEntraAppClientId }
        { name: 'BOOTSTRAP_PROGRAMLEDARE', value: bootstrapProgramledare }
        { name: 'MAILBOX_ADDRESS', value: mailboxAddress }
        { name: 'WEBSITE_RUN_FROM_PACKAGE', value: '1' }
      ], mailboxNotifications ? [
        { name: 'MAILBOX_NOTIFICATION_URL', value: mailboxNotificationUrl }
        { name: 'MAILBOX_NOTIFICATION_SECRET', value: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${mailboxSecretName})' }
      ] : [])
    }
  }
}

resource bot 'Microsoft.Web/sites@2023-12-01' = {
  name: '${resourceBaseName}-bot'
  location: location
  kind: 'app,linux'
  identity: { type: 'SystemAssigned' }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      linuxFxVersion: 'NODE|20'
      alwaysOn: true
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      // What `npm run package` builds into build/deploy/bot (tests/deploy starts the artifact with this command).
      appCommandLine: 'node main.js'
      appSettings: [
        { name: 'NARAVARD_MODE', value: 'production' }
        { name: 'BOT_HOST', value: '0.0.0.0' }
        { name: 'BOT_PORT', value: '8080' }
        { name: 'BOT_ID', value: botEntraAppClientId }
        // Resolved by App Service with the bot's managed identity; the secret itself never is an app setting.
        { name: 'BOT_PASSWORD', value: '@Microsoft.KeyVault(SecretUri=${botSecret.properties.secretUri})' }
        { name: 'BOT_TENANT_ID', value: aadAppTenantId }
        { name: 'BOT_TYPE', value: 'SingleTenant' }
        { name: 'API_BASE_URL', value: 'https://${api.properties.defaultHostName}/api' }
        { name: 'API_AUDIENCE', value: aadAppClientId }
        // The bot's only storage access: the notification queue, with its managed identity.
        { name: 'STORAGE_QUEUE_ENDPOINT', value: data.properties.primaryEndpoints.queue }
        { name: 'TABS_BASE_URL', value: tabsOrigin }
        { name: 'TEAMS_APP_ID', value: teamsAppId }
        { name: 'NOTIFICATION_JOURNAL_PATH', value: '/home/data/notification-journal.jsonl' }
        { name: 'WEBSITE_RUN_FROM_PACKAGE', value: '1' }
      ]
    }
  }
}

// ── Who may do what (least privilege) ────────────────────────────────────────────────────────────────────────
// API: read and write the rows of its own tables, and put messages on the notification queue (nothing else there).
resource apiTables 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for i in range(0, length(tableNames)): {
    scope: tables[i]
    name: guid(tables[i].id, api.id, roles.storageTableDataContributor)
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageTableDataContributor)
      principalId: api.identity.principalId
      principalType: 'ServicePrincipal'
    }
  }
]

resource apiQueueSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: notificationsQueue
  name: guid(notificationsQueue.id, api.id, roles.storageQueueDataMessageSender)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageQueueDataMessageSender)
    principalId: api.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// The Functions host keeps its keys and timer leases in blobs of the data account; blobs only, no tables or queues.
resource apiHostBlobs 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: data
  name: guid(data.id, api.id, roles.storageBlobDataOwner)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataOwner)
    principalId: api.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// Bot: receive, hide for a while (backoff) and delete messages of the notification queue. Everything else it asks
// of the API, whose rules then apply to it as to anyone.
resource botQueue 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: notificationsQueue
  name: guid(notificationsQueue.id, bot.id, roles.storageQueueDataContributor)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageQueueDataContributor)
    principalId: bot.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource botSecretReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: botSecret
  name: guid(botSecret.id, bot.id, roles.keyVaultSecretsUser)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
    principalId: bot.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// API: read the mailbox's notification secret (only when change notifications are on).
resource apiMailboxSecretReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (mailboxNotifications) {
  scope: mailboxSecret
  name: guid(vault.id, mailboxSecretName, api.id, roles.keyVaultSecretsUser)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
    principalId: api.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource botService 'Microsoft.BotService/botServices@2022-09-15' = {
  name: '${resourceBaseName}-bot'
  location: 'global'
  kind: 'azurebot'
  sku: { name: botServiceSku }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${bot.properties.defaultHostName}/api/messages'
    msaAppId: botEntraAppClientId
    msaAppTenantId: aadAppTenantId
    msaAppType: 'SingleTenant'
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: botService
  name: 'MsTeamsChannel'
  location: 'global'
  properties: { channelName: 'MsTeamsChannel' }
}

output STORAGE_ACCOUNT_RESOURCE_ID string = web.id
output TAB_DOMAIN string = tabsHost
output TAB_ENDPOINT string = tabsOrigin
output API_FUNCTION_RESOURCE_ID string = api.id
output API_FUNCTION_ENDPOINT string = 'https://${api.properties.defaultHostName}'
output BOT_AZURE_APP_SERVICE_RESOURCE_ID string = bot.id
output BOT_DOMAIN string = bot.properties.defaultHostName
