using System;
using System.Diagnostics;
using System.Linq;
using System.Linq.Expressions;
using System.Reflection;

namespace TeamsRemediation.WindowsLeg
{
    public enum TestResult
    {
        Passed,
        Failed,
        Skipped,
    }

    public sealed class TestOutcome
    {
        public TestOutcome(TestResult result, string message, TimeSpan duration)
        {
            Result = result;
            Message = message;
            Duration = duration;
        }

        public TestResult Result { get; }

        public string Message { get; }

        public TimeSpan Duration { get; }
    }

    /// <summary>
    /// One test as a compiled delegate: construct the class, call the method with its row, dispose. Under Wine, after
    /// an exception escapes a method called through reflection (MethodInfo.Invoke), the next reflected call can hang
    /// or end the process; a compiled delegate calls the method directly, so a failing assertion is an ordinary throw.
    /// </summary>
    public sealed class CompiledTest
    {
        private readonly Type type;
        private readonly MethodInfo method;
        private readonly object?[] row;
        private readonly string? skip;

        public CompiledTest(string displayName, Type type, MethodInfo method, object?[] row, string? skip)
        {
            DisplayName = displayName;
            this.type = type;
            this.method = method;
            this.row = row;
            this.skip = skip;
        }

        public string DisplayName { get; }

        public TestOutcome Run()
        {
            if (skip != null)
            {
                return new TestOutcome(TestResult.Skipped, skip, TimeSpan.Zero);
            }

            var watch = Stopwatch.StartNew();
            try
            {
                var create = Expression.Lambda<Func<object>>(Expression.Convert(Expression.New(type), typeof(object))).Compile();
                var call = Compile();
                var instance = create();
                try
                {
                    call(instance, row);
                }
                finally
                {
                    (instance as IDisposable)?.Dispose();
                }

                return new TestOutcome(TestResult.Passed, string.Empty, watch.Elapsed);
            }
            catch (Exception e)
            {
                return new TestOutcome(TestResult.Failed, e.ToString(), watch.Elapsed);
            }
        }

        private Action<object, object?[]> Compile()
        {
            var instance = Expression.Parameter(typeof(object), "instance");
            var arguments = Expression.Parameter(typeof(object?[]), "arguments");
            var parameters = method.GetParameters()
                .Select((p, i) => (Expression)Expression.Convert(Expression.ArrayIndex(arguments, Expression.Constant(i)), p.ParameterType))
                .ToArray();
            Expression body = Expression.Call(Expression.Convert(instance, type), method, parameters);
            if (method.ReturnType != typeof(void))
            {
                // An async test returns a Task: wait for it so its assertions count.
                body = typeof(System.Threading.Tasks.Task).IsAssignableFrom(method.ReturnType)
                    ? Expression.Call(body, typeof(System.Threading.Tasks.Task).GetMethod(nameof(System.Threading.Tasks.Task.Wait), Type.EmptyTypes)!)
                    : Expression.Block(typeof(void), body);
            }

            return Expression.Lambda<Action<object, object?[]>>(body, instance, arguments).Compile();
        }
    }
}
