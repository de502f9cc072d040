import type { Command } from "@flyaimusic/kit/cli/command.ts";
import { print, toJson } from "@flyaimusic/kit/format.ts";
import { ARG_TYPES } from "@flyaimusic/kit/units.ts";
import { templates as allTemplates, getTemplate, usageOf } from "../../proposals/templates.ts";

export const templatesCommand: Command = {
  name: "templates",
  usage: "templates [name] [--json]",
  summary: "the proposal templates, their arguments and what they change",
  options: ["json"],
  positionals: [0, 1],
  network: "offline",
  async run(args, io) {
    const [name] = args.positionals;
    const chosen = name ? [getTemplate(name)] : allTemplates();
    if (args.flags.has("json")) {
      print(
        io,
        toJson(
          chosen.map((t) => ({
            name: t.name,
            summary: t.summary,
            args: t.args.map((a) => ({
              name: a.name,
              type: a.type,
              description: a.description,
              min: a.min,
              max: a.max,
            })),
          })),
        ),
      );
      return;
    }
    const blocks = chosen.map((t) => {
      const width = Math.max(0, ...t.args.map((a) => a.name.length + ARG_TYPES[a.type].placeholder.length + 3));
      const args = t.args.map(
        (a) => `    ${`--${a.name} ${ARG_TYPES[a.type].placeholder}`.padEnd(width + 2)}${a.description}`,
      );
      return [`${t.name}`, `    ${t.summary}`, ...args].join("\n");
    });
    print(io, blocks.join("\n\n"));
    if (!name) {
      const example = usageOf(getTemplate("set-voting-delay")).replace("<seconds>", "2h");
      print(io, `\nusage: npm run gov -- propose <template> --<arg> <value> ... [--title <text>] [--dry-run]`);
      print(io, `e.g.   npm run gov -- ${example} --account 1`);
    }
  },
};
