from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = '_macros.html.j2'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_tier_badge = l_0_answer_badge = l_0_banner = l_0_figures = missing
    try:
        t_1 = environment.tests['none']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No test named 'none' found.")
    pass
    def macro(l_1_t):
        t_2 = []
        if l_1_t is missing:
            l_1_t = undefined("parameter 't' was not provided", name='t')
        pass
        t_2.extend((
            '<span class="tier tier-',
            escape(environment.getattr(l_1_t, 'grade')),
            '">',
        ))
        if (not t_1(environment.getattr(l_1_t, 'meter'))):
            pass
            t_2.extend((
                '<span class="meter m',
                escape(environment.getattr(l_1_t, 'meter')),
                '" aria-hidden="true"><i></i><i></i><i></i><i></i></span>',
            ))
        else:
            pass
            t_2.extend((
                '<span class="icon" aria-hidden="true">',
                escape(environment.getattr(l_1_t, 'icon')),
                '</span>',
            ))
        t_2.extend((
            ' ',
            escape(environment.getattr(l_1_t, 'label')),
            '</span>',
        ))
        return concat(t_2)
    context.exported_vars.add('tier_badge')
    context.vars['tier_badge'] = l_0_tier_badge = Macro(environment, macro, 'tier_badge', ('t',), False, False, False, context.eval_ctx.autoescape)
    def macro(l_1_a):
        t_3 = []
        if l_1_a is missing:
            l_1_a = undefined("parameter 'a' was not provided", name='a')
        pass
        if (environment.getattr(l_1_a, 'cls') == 'na'):
            pass
            t_3.extend((
                '<span class="ans ans-na"><span class="icon" aria-hidden="true">',
                escape(environment.getattr(l_1_a, 'icon')),
                '</span><span class="sr-only">',
                escape(environment.getattr(l_1_a, 'label')),
                '</span></span>',
            ))
        else:
            pass
            t_3.extend((
                '<span class="ans ans-',
                escape(environment.getattr(l_1_a, 'cls')),
                '"><span class="icon" aria-hidden="true">',
                escape(environment.getattr(l_1_a, 'icon')),
                '</span> ',
                escape(environment.getattr(l_1_a, 'label')),
                '</span>',
            ))
        return concat(t_3)
    context.exported_vars.add('answer_badge')
    context.vars['answer_badge'] = l_0_answer_badge = Macro(environment, macro, 'answer_badge', ('a',), False, False, False, context.eval_ctx.autoescape)
    def macro(l_1_site):
        t_4 = []
        if l_1_site is missing:
            l_1_site = undefined("parameter 'site' was not provided", name='site')
        pass
        t_4.extend((
            '<div class="banner" role="note"><strong><span aria-hidden="true">⚠</span> ',
            escape(environment.getattr(l_1_site, 'banner')),
            '</strong></div>',
        ))
        return concat(t_4)
    context.exported_vars.add('banner')
    context.vars['banner'] = l_0_banner = Macro(environment, macro, 'banner', ('site',), False, False, False, context.eval_ctx.autoescape)
    def macro(l_1_charts, l_1_prefix):
        t_5 = []
        if l_1_charts is missing:
            l_1_charts = undefined("parameter 'charts' was not provided", name='charts')
        if l_1_prefix is missing:
            l_1_prefix = ''
        pass
        l_2_loop = missing
        for l_2_chart, l_2_loop in LoopContext(l_1_charts, undefined):
            l_2__ = resolve('_')
            _loop_vars = {}
            pass
            t_5.extend((
                '<figure class="chart" id="chart-',
                escape(l_1_prefix),
                escape(environment.getattr(l_2_chart, 'id')),
                '">\n  <figcaption>',
                escape(environment.getattr(l_2_chart, 'title')),
                '</figcaption>\n  <div class="chart-scroll" role="region" tabindex="0" aria-label="',
                escape(environment.getattr(l_2_chart, 'title')),
                ' (',
                escape(environment.call(context, (undefined(name='_') if l_2__ is missing else l_2__), 'chart', _loop_vars=_loop_vars)),
                ')"><div class="chart-svg" role="',
                escape(environment.getattr(l_2_chart, 'role')),
                '" aria-label="',
                escape(environment.getattr(l_2_chart, 'alt')),
                '">',
                escape(environment.getattr(l_2_chart, 'svg')),
                '</div></div>\n  <details><summary>',
                escape(environment.call(context, (undefined(name='_') if l_2__ is missing else l_2__), 'Data for this chart', _loop_vars=_loop_vars)),
                '</summary>\n  <div class="table-scroll" role="region" tabindex="0" aria-label="',
                escape(environment.getattr(l_2_chart, 'title')),
                ' (',
                escape(environment.call(context, (undefined(name='_') if l_2__ is missing else l_2__), 'data', _loop_vars=_loop_vars)),
                ')"><table class="data"><caption>',
                escape(environment.getattr(l_2_chart, 'title')),
                ' (',
                escape(environment.call(context, (undefined(name='_') if l_2__ is missing else l_2__), 'data', _loop_vars=_loop_vars)),
                ')</caption>\n    <thead><tr>',
            ))
            for l_3_c in environment.getattr(l_2_chart, 'columns'):
                _loop_vars = {}
                pass
                t_5.extend((
                    '<th scope="col">',
                    escape(l_3_c),
                    '</th>',
                ))
            l_3_c = missing
            t_5.append(
                '</tr></thead>\n    <tbody>',
            )
            l_3_loop = missing
            for l_3_row, l_3_loop in LoopContext(environment.getattr(l_2_chart, 'rows'), undefined):
                _loop_vars = {}
                pass
                t_5.append(
                    '<tr>',
                )
                l_4_loop = missing
                for l_4_v, l_4_loop in LoopContext(l_3_row, undefined):
                    _loop_vars = {}
                    pass
                    if environment.getattr(l_4_loop, 'first'):
                        pass
                        t_5.extend((
                            '<th scope="row">',
                            escape(l_4_v),
                            '</th>',
                        ))
                    else:
                        pass
                        t_5.extend((
                            '<td>',
                            escape(l_4_v),
                            '</td>',
                        ))
                l_4_loop = l_4_v = missing
                t_5.append(
                    '</tr>',
                )
            l_3_loop = l_3_row = missing
            t_5.append(
                '</tbody>\n  </table></div></details>\n</figure>\n',
            )
        l_2_loop = l_2_chart = l_2__ = missing
        return concat(t_5)
    context.exported_vars.add('figures')
    context.vars['figures'] = l_0_figures = Macro(environment, macro, 'figures', ('charts', 'prefix'), False, False, False, context.eval_ctx.autoescape)

blocks = {}
debug_info = '2=18&3=25&5=50&6=55&7=68&9=78&10=85&12=91&13=99&14=105&15=108&16=110&17=120&18=122&19=131&20=144'

# Generated by `python3 -m legalreview.render.precompile` from templates/_macros.html.j2: do not edit.
