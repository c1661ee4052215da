// Azure resources for Nära vård i Teams. Deployed by Teams Toolkit (`teamsapp provision`, see teamsapp.yml).
// Bicep cannot be compiled on the development machines of this project; tests/repo/infra.test.ts checks that
// every parameter is supplied and every output teamsapp.yml reads exists.

@maxLength(20)
@minLength(4)
@description('Prefix for every resource name, e.g. naravard-dev.')
param resourceBaseName string

@description('Azure region. Sweden Central keeps the data in Sweden.')
param location string = resourceGroup().location

@description('Entra ID app (client) id of the bot, created by botAadApp/create.')
param botEntraAppClientId string

@secure()
@description('Client secret of the bot app; the bot uses it to call the Bot Connector and the API.')
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

var storageName = toLower(replace('${resourceBaseName}st', '-', ''))

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageName
  location: location
  kind: 'StorageV2'
  sku: { name: 'Standard_ZRS' }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
  }
}

var storageConnectionString = 'DefaultEndpointsProtocol=https;AccountName=${storage.name};AccountKey=${storage.listKeys().keys[0].value};EndpointSuffix=${environment().suffixes.storage}'

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
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      linuxFxVersion: 'NODE|20'
      alwaysOn: true
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      cors: { allowedOrigins: ['https://${storage.name}.z1.web.${environment().suffixes.storage}'] }
      appSettings: [
        { name: 'FUNCTIONS_EXTENSION_VERSION', value: '~4' }
        { name: 'FUNCTIONS_WORKER_RUNTIME', value: 'node' }
        { name: 'AzureWebJobsStorage', value: storageConnectionString }
        { name: 'STORAGE_CONNECTION_STRING', value: storageConnectionString }
        { name: 'NARAVARD_MODE', value: 'production' }
        { name: 'PROGRAM_ID', value: programId }
        { name: 'ENTRA_TENANT_ID', value: aadAppTenantId }
        { name: 'API_AUDIENCE', value: aadAppClientId }
        { name: 'BOT_CLIENT_ID', value: botEntraAppClientId }
        { name: 'BOOTSTRAP_PROGRAMLEDARE', value: bootstrapProgramledare }
        { name: 'WEBSITE_RUN_FROM_PACKAGE', value: '1' }
      ]
    }
  }
}

resource bot 'Microsoft.Web/sites@2023-12-01' = {
  name: '${resourceBaseName}-bot'
  location: location
  kind: 'app,linux'
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      linuxFxVersion: 'NODE|20'
      alwaysOn: true
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      appCommandLine: 'node main.js'
      appSettings: [
        { name: 'NARAVARD_MODE', value: 'production' }
        { name: 'BOT_HOST', value: '0.0.0.0' }
        { name: 'BOT_PORT', value: '8080' }
        { name: 'BOT_ID', value: botEntraAppClientId }
        { name: 'BOT_PASSWORD', value: botEntraAppClientSecret }
        { name: 'BOT_TENANT_ID', value: aadAppTenantId }
        { name: 'BOT_TYPE', value: 'SingleTenant' }
        { name: 'API_BASE_URL', value: 'https://${api.properties.defaultHostName}/api' }
        { name: 'API_AUDIENCE', value: aadAppClientId }
        { name: 'STORAGE_CONNECTION_STRING', value: storageConnectionString }
        { name: 'TABS_BASE_URL', value: 'https://${storage.name}.z1.web.${environment().suffixes.storage}' }
        { name: 'TEAMS_APP_ID', value: teamsAppId }
        { name: 'NOTIFICATION_JOURNAL_PATH', value: '/home/data/notification-journal.jsonl' }
        { name: 'WEBSITE_RUN_FROM_PACKAGE', value: '1' }
      ]
    }
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

output STORAGE_ACCOUNT_RESOURCE_ID string = storage.id
output TAB_DOMAIN string = '${storage.name}.z1.web.${environment().suffixes.storage}'
output TAB_ENDPOINT string = 'https://${storage.name}.z1.web.${environment().suffixes.storage}'
output API_FUNCTION_RESOURCE_ID string = api.id
output API_FUNCTION_ENDPOINT string = 'https://${api.properties.defaultHostName}'
output BOT_AZURE_APP_SERVICE_RESOURCE_ID string = bot.id
output BOT_DOMAIN string = bot.properties.defaultHostName
