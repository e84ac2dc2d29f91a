using System;
using System.Linq;
using TeamsRemediation.Demo;

// The demo: a real PowerShell engine, the built module, a simulated PC broken the way CAA20002 PCs are.
EngineTelemetry.OptOut();
var steps = typeof(IDemoStep).Assembly.GetTypes()
    .Where(t => typeof(IDemoStep).IsAssignableFrom(t) && !t.IsInterface && !t.IsAbstract)
    .Select(t => (IDemoStep)Activator.CreateInstance(t)!)
    .OrderBy(s => s.Order)
    .ToList();

var pc = new DemoPc();
using (pc.Machine)
{
    foreach (var step in steps)
    {
        step.Prepare(pc);
    }

    using var session = new ModuleSession(pc.Machine);
    var console = new DemoConsole(session, Console.Out);
    console.Say("TeamsRemediation demo on simulated " + pc.Machine.ComputerName + " (files under " + pc.Machine.RootFolder + ").");
    foreach (var step in steps)
    {
        console.Heading(step.Title);
        step.Run(console);
    }
}

return 0;
