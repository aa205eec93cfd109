// The table of xipemu subcommands. Add a command by writing emu/cmd/NAME.ts and listing it here.
import { Command } from './command.ts';
import { boardsCommand } from './cmd/boards.ts';
import { cramfsCommand } from './cmd/cramfs.ts';
import { runCommand } from './cmd/run.ts';
import { staircaseCommand } from './cmd/staircase.ts';

export const COMMANDS: Command[] = [runCommand, boardsCommand, cramfsCommand, staircaseCommand];
