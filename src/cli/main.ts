// `gongkai` command line (bin/gongkai.mjs runs this through tsx).
import { Command } from 'commander';
import { commandModules } from './commands/index.ts';

const program = new Command();
program
  .name('gongkai')
  .description('Gongkai 政府信息公开平台 / open-government-information platform')
  .showHelpAfterError();
for (const register of commandModules) register(program);

await program.parseAsync(process.argv);
