import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppConfig } from '../../config.js';
import { AntoniaBot, type AntoniaBotOptions } from './antonia-bot.js';
import { processWithFastify } from './process-with-fastify.js';

export interface BotRuntime {
  handle(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply>;
}

/**
 * The adapter and the bot, built on the first request (botbuilder is large; see index.ts). With no
 * MICROSOFT_APP_ID the adapter accepts unauthenticated requests (the Bot Framework Emulator); with one,
 * every request must carry a valid Bot Framework token.
 */
export function createBotRuntime(
  config: AppConfig,
  options: AntoniaBotOptions & { log: { error(details: Record<string, unknown>, message: string): void } },
): BotRuntime {
  const adapter = new CloudAdapter(
    new ConfigurationBotFrameworkAuthentication({
      MicrosoftAppId: config.MICROSOFT_APP_ID,
      MicrosoftAppPassword: config.MICROSOFT_APP_PASSWORD,
      MicrosoftAppType: config.MICROSOFT_APP_TYPE,
      MicrosoftAppTenantId: config.MICROSOFT_APP_TENANT_ID,
    }),
  );
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    options.log.error({ err: error, conversation: context.activity.conversation?.id }, 'bot turn failed');
    await context.sendActivity(
      'A apărut o eroare. Vă rugăm să încercați din nou. / Something went wrong; please try again.',
    );
  };
  const bot = new AntoniaBot(options);
  return {
    handle: (request, reply) => processWithFastify(adapter, request, reply, (context) => bot.run(context)),
  };
}
