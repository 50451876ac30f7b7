from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = '_macros.html.j2'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_tier_badge = l_0_answer_badge = l_0_banner = l_0_figures = l_0_figure = missing
    try:
        t_1 = environment.tests['defined']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No test named 'defined' found.")
    try:
        t_2 = environment.tests['none']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No test named 'none' found.")
    pass
    def macro(l_1_t):
        t_3 = []
        if l_1_t is missing:
            l_1_t = undefined("parameter 't' was not provided", name='t')
        pass
        t_3.extend((
            '<span class="tier tier-',
            escape(environment.getattr(l_1_t, 'grade')),
            '">',
        ))
        if (not t_2(environment.getattr(l_1_t, 'meter'))):
            pass
            t_3.extend((
                '<span class="meter m',
                escape(environment.getattr(l_1_t, 'meter')),
                '" aria-hidden="true"><i></i><i></i><i></i><i></i></span>',
            ))
        else:
            pass
            t_3.extend((
                '<span class="icon" aria-hidden="true">',
                escape(environment.getattr(l_1_t, 'icon')),
                '</span>',
            ))
        t_3.extend((
            ' ',
            escape(environment.getattr(l_1_t, 'label')),
            '</span>',
        ))
        return concat(t_3)
    context.exported_vars.add('tier_badge')
    context.vars['tier_badge'] = l_0_tier_badge = Macro(environment, macro, 'tier_badge', ('t',), False, False, False, context.eval_ctx.autoescape)
    def macro(l_1_a):
        t_4 = []
        if l_1_a is missing:
            l_1_a = undefined("parameter 'a' was not provided", name='a')
        pass
        if (environment.getattr(l_1_a, 'cls') == 'na'):
            pass
            t_4.extend((
                '<span class="ans ans-na"><span class="icon" aria-hidden="true">',
                escape(environment.getattr(l_1_a, 'icon')),
                '</span><span class="sr-only">',
                escape(environment.getattr(l_1_a, 'label')),
                '</span></span>',
            ))
        else:
            pass
            t_4.extend((
                '<span class="ans ans-',
                escape(environment.getattr(l_1_a, 'cls')),
                '"><span class="icon" aria-hidden="true">',
                escape(environment.getattr(l_1_a, 'icon')),
                '</span> ',
                escape(environment.getattr(l_1_a, 'label')),
                '</span>',
            ))
        return concat(t_4)
    context.exported_vars.add('answer_badge')
    context.vars['answer_badge'] = l_0_answer_badge = Macro(environment, macro, 'answer_badge', ('a',), False, False, False, context.eval_ctx.autoescape)
    def macro(l_1_site):
        t_5 = []
        if l_1_site is missing:
            l_1_site = undefined("parameter 'site' was not provided", name='site')
        pass
        t_5.extend((
            '<div class="banner" role="note"><strong><span aria-hidden="true">⚠</span> ',
            escape(environment.getattr(l_1_site, 'banner')),
            '</strong></div>',
        ))
        return concat(t_5)
    context.exported_vars.add('banner')
    context.vars['banner'] = l_0_banner = Macro(environment, macro, 'banner', ('site',), False, False, False, context.eval_ctx.autoescape)
    def macro(l_1_charts, l_1_prefix):
        t_6 = []
        if l_1_charts is missing:
            l_1_charts = undefined("parameter 'charts' was not provided", name='charts')
        if l_1_prefix is missing:
            l_1_prefix = ''
        pass
        for l_2_chart in l_1_charts:
            _loop_vars = {}
            pass
            t_6.append(
                escape((environment.getattr(l_2_chart, 'html') if t_1(environment.getattr(l_2_chart, 'html')) else environment.call(context, (undefined(name='figure') if l_0_figure is missing else l_0_figure), l_2_chart, l_1_prefix, _loop_vars=_loop_vars))),
            )
        l_2_chart = missing
        return concat(t_6)
    context.exported_vars.add('figures')
    context.vars['figures'] = l_0_figures = Macro(environment, macro, 'figures', ('charts', 'prefix'), False, False, False, context.eval_ctx.autoescape)
    def macro(l_1_chart, l_1_prefix):
        t_7 = []
        l_1__ = resolve('_')
        if l_1_chart is missing:
            l_1_chart = undefined("parameter 'chart' was not provided", name='chart')
        if l_1_prefix is missing:
            l_1_prefix = ''
        pass
        t_7.extend((
            '<figure class="chart" id="chart-',
            escape(l_1_prefix),
            escape(environment.getattr(l_1_chart, 'id')),
            '">\n  <figcaption>',
            escape(environment.getattr(l_1_chart, 'title')),
            '</figcaption>\n  <div class="chart-scroll" role="region" tabindex="0" aria-label="',
            escape(environment.getattr(l_1_chart, 'title')),
            ' (',
            escape(environment.call(context, (undefined(name='_') if l_1__ is missing else l_1__), 'chart')),
            ')"><div class="chart-svg" role="',
            escape(environment.getattr(l_1_chart, 'role')),
            '" aria-label="',
            escape(environment.getattr(l_1_chart, 'alt')),
            '">',
            escape(environment.getattr(l_1_chart, 'svg')),
            '</div></div>\n  <details><summary>',
            escape(environment.call(context, (undefined(name='_') if l_1__ is missing else l_1__), 'Data for this chart')),
            '</summary>\n  <div class="table-scroll" role="region" tabindex="0" aria-label="',
            escape(environment.getattr(l_1_chart, 'title')),
            ' (',
            escape(environment.call(context, (undefined(name='_') if l_1__ is missing else l_1__), 'data')),
            ')"><table class="data"><caption>',
            escape(environment.getattr(l_1_chart, 'title')),
            ' (',
            escape(environment.call(context, (undefined(name='_') if l_1__ is missing else l_1__), 'data')),
            ')</caption>\n    <thead><tr>',
        ))
        for l_2_c in environment.getattr(l_1_chart, 'columns'):
            _loop_vars = {}
            pass
            t_7.extend((
                '<th scope="col">',
                escape(l_2_c),
                '</th>',
            ))
        l_2_c = missing
        t_7.append(
            '</tr></thead>\n    <tbody>',
        )
        if t_1(environment.getattr(l_1_chart, 'body')):
            pass
            t_7.append(
                escape(environment.getattr(l_1_chart, 'body')),
            )
        else:
            pass
            l_2_loop = missing
            for l_2_row, l_2_loop in LoopContext(environment.getattr(l_1_chart, 'rows'), undefined):
                _loop_vars = {}
                pass
                t_7.append(
                    '<tr>',
                )
                l_3_loop = missing
                for l_3_v, l_3_loop in LoopContext(l_2_row, undefined):
                    _loop_vars = {}
                    pass
                    if environment.getattr(l_3_loop, 'first'):
                        pass
                        t_7.extend((
                            '<th scope="row">',
                            escape(l_3_v),
                            '</th>',
                        ))
                    else:
                        pass
                        t_7.extend((
                            '<td>',
                            escape(l_3_v),
                            '</td>',
                        ))
                l_3_loop = l_3_v = missing
                t_7.append(
                    '</tr>',
                )
            l_2_loop = l_2_row = missing
        t_7.append(
            '</tbody>\n  </table></div></details>\n</figure>\n',
        )
        return concat(t_7)
    context.exported_vars.add('figure')
    context.vars['figure'] = l_0_figure = Macro(environment, macro, 'figure', ('chart', 'prefix'), False, False, False, context.eval_ctx.autoescape)

blocks = {}
debug_info = '2=24&3=31&5=56&6=61&7=74&9=84&10=91&12=97&13=104&17=114&18=124&19=127&20=129&21=139&22=141&23=150&24=162'

# Generated by `python3 -m legalreview.render.precompile` from templates/_macros.html.j2: do not edit.
